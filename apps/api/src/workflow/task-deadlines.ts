import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Timer } from './timer.entity';

const DAY_MS = 86_400_000;

let configuredLeadMs = DAY_MS;

/**
 * Sets how long before the due date the assignee is reminded (`reminderLeadMs` of the validated
 * configuration, REMINDER_LEAD; default one day). Called at start, by the TimerPoller.
 */
export function useReminderLead(ms: number): void {
  configuredLeadMs = ms;
}

/** The configured reminder lead in milliseconds. */
export function reminderLeadMs(): number {
  return configuredLeadMs;
}

/**
 * When to remind: `lead` before the due date, except for short tasks (at most twice the lead long),
 * which are reminded once 80 % of their time has passed.
 */
export function reminderAt(openedAt: Date, dueAt: Date, leadMs = reminderLeadMs()): Date {
  const duration = dueAt.getTime() - openedAt.getTime();
  if (duration <= 2 * leadMs) return new Date(openedAt.getTime() + Math.max(0, duration) * 0.8);
  return new Date(dueAt.getTime() - leadMs);
}

interface DeadlineTask {
  id: string;
  organizationId: string;
  instanceId: string;
}

/** The reminder and escalation timers of a task due at `dueAt`. */
export function deadlineTimers(task: DeadlineTask, now: Date, dueAt: Date) {
  const base = { organizationId: task.organizationId, instanceId: task.instanceId, taskId: task.id };
  return [
    {
      ...base,
      kind: 'task-reminder' as const,
      timerId: `task-reminder:${task.id}`,
      event: { type: 'task.reminder', taskId: task.id },
      dueAt: reminderAt(now, dueAt),
    },
    {
      ...base,
      kind: 'task-escalation' as const,
      timerId: `task-escalation:${task.id}`,
      event: { type: 'task.escalation', taskId: task.id },
      dueAt,
    },
  ];
}

/** Replaces the reminder and escalation timers of a task (none when it has no due date). */
export async function scheduleTaskDeadlines(
  tx: EntityManager,
  task: DeadlineTask,
  now: Date,
  dueAt: Date | null,
  { isNew = false }: { isNew?: boolean } = {},
) {
  if (!isNew) await cancelTaskDeadlines(tx, [task.id]);
  if (!dueAt) return;
  await tx.getRepository(Timer).insert(deadlineTimers(task, now, dueAt));
}

export async function cancelTaskDeadlines(tx: EntityManager, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await tx.getRepository(Timer).update({ taskId: In(taskIds), status: 'scheduled' }, { status: 'cancelled' });
}
