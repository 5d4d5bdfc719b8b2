import { Injectable, type OnModuleInit } from '@nestjs/common';
import { StepListeners, type StepListener, type StepNotice } from './step-listeners';
import { scheduleTaskDeadlines } from './task-deadlines';
import { Task } from './task.entity';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A task whose `meta.task.dueOn` resolves to a calendar date (e.g. `{{context.item.dueDate}}`: a
 * corrective action due on the day its plan set) is due at the end of that day (UTC), with its
 * reminder and escalation, instead of `dueIn` after it opened. The engine knows only durations and
 * passes `dueOn` through on the `openTask` effect; this sets the date once the runtime opened the
 * task, in the same transaction. A value that is not a date leaves the task as `dueIn` made it. A
 * list is read in order and its first calendar date wins, so a definition can name a record's own
 * date and a default after it (`["{{context.item.deadline}}", "{{context.majorDeadline}}"]`).
 */
@Injectable()
export class TaskDueDates implements StepListener, OnModuleInit {
  constructor(private readonly listeners: StepListeners) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onStep(notice: StepNotice): Promise<void> {
    for (const effect of notice.result.effects) {
      if (effect.type !== 'openTask') continue;
      const dueOn = (effect as { dueOn?: unknown }).dueOn;
      const dueAt = (Array.isArray(dueOn) ? dueOn : [dueOn]).map(endOfDay).find((date) => date !== null);
      if (!dueAt) continue;
      const tasks = notice.tx.getRepository(Task);
      const opened = await tasks.findBy({
        instanceId: notice.instance.id,
        stateId: effect.stateId,
        status: 'open',
      });
      for (const task of opened) {
        await tasks.update({ id: task.id }, { dueAt });
        await scheduleTaskDeadlines(notice.tx, task, notice.now, dueAt);
      }
    }
  }
}

function endOfDay(value: unknown): Date | null {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) return null;
  const date = new Date(`${value}T23:59:59.999Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}
