import type { StepContext } from '../../platform/step/step-context';
import type { ProcessInstance } from '../process-instance.entity';
import { Timer } from '../timer.entity';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `scheduleTimer`: the timer poller sends the event to the instance once the delay has passed. */
export class ScheduleTimerHandler implements EffectHandler<'scheduleTimer'> {
  readonly type = 'scheduleTimer' as const;

  async apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<'scheduleTimer'>): Promise<void> {
    await ctx.tx.getRepository(Timer).insert({
      organizationId: instance.organizationId,
      instanceId: instance.id,
      timerId: effect.timerId,
      event: effect.event,
      dueAt: new Date(ctx.now.getTime() + effect.delayMs),
    });
  }
}
