import type { StepContext } from '../../platform/step/step-context';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import type { ProcessInstance } from '../process-instance.entity';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `notify`: a notification goes out through the outbox once the step committed. */
export class NotifyHandler implements EffectHandler<'notify'> {
  readonly type = 'notify' as const;

  async apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<'notify'>): Promise<void> {
    await ctx.tx.getRepository(OutboxMessage).insert({
      organizationId: instance.organizationId,
      kind: 'notification',
      payload: {
        instanceId: instance.id,
        to: effect.to,
        template: effect.template,
        data: effect.data ?? null,
      },
    });
  }
}
