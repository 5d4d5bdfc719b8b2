import type { EngineEvent } from '@aimsflow/engine';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import type { StepContext } from '../../platform/step/step-context';
import { Task } from '../task.entity';
import { Timer } from '../timer.entity';
import { TimerFailure } from '../timer-jobs';
import type { RuntimeParts } from './runtime-parts';

/**
 * Fires one due timer (in a transaction of its own), if any is free; returns false when none is
 * due. Safe with many processes polling. `exclude`: timers not to take (those that failed in this
 * poll). When the firing fails, nothing of it is kept and a `TimerFailure` names the timer, so the
 * caller can record the failure and go on with the next one.
 */
export class FireTimer {
  constructor(private readonly parts: RuntimeParts) {}

  async next(exclude: readonly string[] = []): Promise<boolean> {
    let claimed: string | undefined;
    try {
      return await this.parts.work.run(
        null,
        (ctx) => {
          claimed = undefined;
          return this.fireDue(ctx, exclude, (id) => (claimed = id));
        },
        { clock: 'first-statement' },
      );
    } catch (error) {
      throw claimed ? new TimerFailure(claimed, error) : error;
    }
  }

  private async fireDue(
    ctx: StepContext,
    exclude: readonly string[],
    claim: (id: string) => void,
  ): Promise<boolean> {
    const [due] = await ctx.tx.query(
      `SELECT id, now() AS now FROM timers WHERE status = 'scheduled' AND next_run_at <= now() AND NOT (id = ANY($1::uuid[]))
         ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [exclude],
    );
    if (!due) return false;
    ctx.useClock(new Date(due.now));
    claim(due.id);
    const timer = await ctx.tx.getRepository(Timer).findOneByOrFail({ id: due.id });
    await ctx.tx.getRepository(Timer).update({ id: timer.id }, { status: 'fired', firedAt: ctx.now });
    if (timer.kind !== 'engine') {
      await this.taskDeadline(ctx, timer);
      return true;
    }
    const { steps } = this.parts;
    const instance = await steps.lock(ctx, timer.organizationId, timer.instanceId);
    if (instance.status === 'active') {
      await steps.step(ctx, timer.organizationId, timer.instanceId, timer.event as EngineEvent, {
        kind: 'timer.fired',
        payload: { timerId: timer.timerId },
        ignoreUnaccepted: true,
      });
    }
    return true;
  }

  /** A task's reminder or escalation is due: tell the people concerned, through the outbox. */
  private async taskDeadline(ctx: StepContext, timer: Timer): Promise<void> {
    const task = timer.taskId ? await ctx.tx.getRepository(Task).findOneBy({ id: timer.taskId }) : null;
    if (!task || task.status !== 'open') return;
    const reminder = timer.kind === 'task-reminder';
    const to = reminder
      ? [task.assigneeId, task.delegateId].filter(Boolean).length
        ? [task.assigneeId, task.delegateId].filter(Boolean)
        : [task.candidateRole, task.candidateGroupId].filter(Boolean)
      : (task.escalateTo ?? 'aims-manager');
    await ctx.tx.getRepository(OutboxMessage).insert({
      organizationId: task.organizationId,
      kind: 'notification',
      payload: {
        instanceId: task.instanceId,
        to,
        template: timer.kind,
        data: { taskId: task.id, title: task.title, dueAt: task.dueAt, assigneeId: task.assigneeId },
      },
    });
    ctx.history.push({
      organizationId: task.organizationId,
      instanceId: task.instanceId,
      kind: reminder ? 'task.reminded' : 'task.escalated',
      actorId: null,
      payload: { taskId: task.id, to },
    });
  }
}
