import type { StepContext } from '../../platform/step/step-context';
import type { ProcessInstance } from '../process-instance.entity';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `cancelTimer`: the state that scheduled the timer was left before it fired. */
export class CancelTimerHandler implements EffectHandler<'cancelTimer'> {
  readonly type = 'cancelTimer' as const;
  readonly batched = true;

  async apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<'cancelTimer'>): Promise<void> {
    // A timer scheduled earlier in this batch must be in the table before it can be cancelled.
    if (ctx.writes.needsFlush('timers')) await ctx.flush();
    ctx.writes.add(
      { table: 'timers', kind: 'update' },
      (p) =>
        `UPDATE timers SET status = 'cancelled'
          WHERE instance_id = ${p(instance.id)} AND timer_id = ${p(effect.timerId)} AND status = 'scheduled'`,
    );
  }
}
