import { parseIsoDuration } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Timer } from './timer.entity';

const DAY_MS = 86_400_000;

/** How long before the due date the assignee is reminded (`REMINDER_LEAD`, ISO-8601, default one day). */
export function reminderLeadMs(env: NodeJS.ProcessEnv = process.env): number {
  try {
    return env.REMINDER_LEAD ? parseIsoDuration(env.REMINDER_LEAD) : DAY_MS;
  } catch {
    return DAY_MS;
  }
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
  const base = { organizationId: task.organizationId, instanceId: task.instanceId, taskId: task.id };
  await tx.getRepository(Timer).insert([
    {
      ...base,
      kind: 'task-reminder',
      timerId: `task-reminder:${task.id}`,
      event: { type: 'task.reminder', taskId: task.id },
      dueAt: reminderAt(now, dueAt),
    },
    {
      ...base,
      kind: 'task-escalation',
      timerId: `task-escalation:${task.id}`,
      event: { type: 'task.escalation', taskId: task.id },
      dueAt,
    },
  ]);
}

export async function cancelTaskDeadlines(tx: EntityManager, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await tx.getRepository(Timer).update({ taskId: In(taskIds), status: 'scheduled' }, { status: 'cancelled' });
}
