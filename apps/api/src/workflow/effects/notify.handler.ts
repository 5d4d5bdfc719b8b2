import type { StepContext } from '../../platform/step/step-context';
import type { ProcessInstance } from '../process-instance.entity';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `notify`: a notification goes out through the outbox once the step committed. */
export class NotifyHandler implements EffectHandler<'notify'> {
  readonly type = 'notify' as const;
  readonly batched = true;

  async apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<'notify'>): Promise<void> {
    const payload = {
      instanceId: instance.id,
      to: effect.to,
      template: effect.template,
      data: effect.data ?? null,
    };
    ctx.writes.add(
      { table: 'outbox_messages', kind: 'insert' },
      (p) =>
        `INSERT INTO outbox_messages (organization_id, kind, payload)
         VALUES (${p(instance.organizationId)}, 'notification', ${p(JSON.stringify(payload))}::jsonb)`,
    );
  }
}
