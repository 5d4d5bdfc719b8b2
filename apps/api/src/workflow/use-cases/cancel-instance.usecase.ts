import { BadRequestException, ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../identity/auth/principal';
import type { ProcessInstance } from '../process-instance.entity';
import type { RuntimeParts } from './runtime-parts';

/** Tells whether cancelling this instance needs a reason (a module such as the programme registers one). */
export type CancelReasonRule = (tx: EntityManager, instance: ProcessInstance) => Promise<boolean>;

/** Cancels an active instance and all it holds open; `instance.cancelled` records who and why. */
export class CancelInstance {
  private readonly reasonRules: CancelReasonRule[] = [];

  constructor(private readonly parts: RuntimeParts) {}

  /** Cancelling an instance that `rule` picks answers 400 without a non-empty reason. */
  requireReason(rule: CancelReasonRule): void {
    this.reasonRules.push(rule);
  }

  async execute(
    organizationId: string,
    actor: Principal,
    instanceId: string,
    reason?: string | null,
  ): Promise<ProcessInstance> {
    const why = reason?.trim() || null;
    const { work, steps } = this.parts;
    return work.run(
      actor.userId,
      async (ctx) => {
        const instance = await steps.lock(ctx, organizationId, instanceId);
        if (instance.status !== 'active')
          throw new ConflictException({ message: `The instance is already ${instance.status}.` });
        if (!why) {
          for (const rule of this.reasonRules) {
            if (await rule(ctx.tx, instance)) {
              const message = 'reason is required to cancel this process: give a non-empty reason';
              throw new BadRequestException({ message, errors: [{ pointer: '/reason', message }] });
            }
          }
        }
        const stateBefore = instance.stateValue;
        await steps.end(ctx, instance, 'cancelled');
        // end() wrote the instance's `instance.cancelled` record: it also says from where and why.
        const record = ctx.history.find(
          (h) => h.instanceId === instanceId && h.kind === 'instance.cancelled',
        );
        Object.assign(record!, { stateBefore, payload: { reason: why } });
        return steps.reload(ctx.tx, instance.id);
      },
      { clock: 'first-statement' },
    );
  }
}
