import type { StepContext } from '../../platform/step/step-context';
import type { ProcessInstance } from '../process-instance.entity';
import { Timer } from '../timer.entity';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `cancelTimer`: the state that scheduled the timer was left before it fired. */
export class CancelTimerHandler implements EffectHandler<'cancelTimer'> {
  readonly type = 'cancelTimer' as const;

  async apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<'cancelTimer'>): Promise<void> {
    await ctx.tx
      .getRepository(Timer)
      .update(
        { instanceId: instance.id, timerId: effect.timerId, status: 'scheduled' },
        { status: 'cancelled' },
      );
  }
}
