import type { StepContext } from '../../platform/step/step-context';
import type { ProcessInstance } from '../process-instance.entity';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `scheduleTimer`: the timer poller sends the event to the instance once the delay has passed. */
export class ScheduleTimerHandler implements EffectHandler<'scheduleTimer'> {
  readonly type = 'scheduleTimer' as const;
  readonly batched = true;

  async apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<'scheduleTimer'>): Promise<void> {
    ctx.writes.add(
      { table: 'timers', kind: 'insert' },
      (p) =>
        `INSERT INTO timers (organization_id, instance_id, timer_id, event, due_at)
         VALUES (${p(instance.organizationId)}, ${p(instance.id)}, ${p(effect.timerId)}, ${p(JSON.stringify(effect.event))}::jsonb,
                 now() + make_interval(secs => ${p(effect.delayMs / 1000)}::double precision))`,
    );
  }
}
