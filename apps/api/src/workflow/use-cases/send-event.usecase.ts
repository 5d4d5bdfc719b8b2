import { BadRequestException, ConflictException } from '@nestjs/common';
import { reservedEventReason, type EngineEvent } from '@aimsflow/engine';
import { APPROVAL_TASK_EVENT } from '../../approvals/approval-chain';
import type { Principal } from '../../identity/auth/principal';
import { RefusedDecision } from '../../platform/step/step-context';
import type { ProcessInstance } from '../process-instance.entity';
import { Task } from '../task.entity';
import type { RuntimeParts } from './runtime-parts';

/** Fields of an event only the server sets (it knows which task, state and user it is for). */
const SERVER_ONLY_EVENT_FIELDS = ['stateId', 'taskId', 'actorId'] as const;

/**
 * Sends an event to an instance (a signal from a manager, or an integration). Outcome events (a
 * task's completeEvent, an approval's approved/rejected event, a sub-process doneEvent, the
 * approval task event) come only from the server: they are refused with 403 for every role and
 * the refusal is recorded (`event.refused`). `stateId`, `taskId` and `actorId` are server-only
 * fields: an event carrying one is refused with 400.
 */
export class SendEvent {
  constructor(private readonly parts: RuntimeParts) {}

  async execute(
    organizationId: string,
    actor: Principal,
    instanceId: string,
    event: EngineEvent,
  ): Promise<ProcessInstance> {
    const serverOnly = SERVER_ONLY_EVENT_FIELDS.filter((field) => field in event);
    if (serverOnly.length > 0) {
      throw new BadRequestException({
        message: `${serverOnly.join(', ')} ${serverOnly.length > 1 ? 'are' : 'is'} set by the server only; send {type, data}.`,
      });
    }
    const { work, steps, definitions } = this.parts;
    return work.run(
      actor.userId,
      async (ctx) => {
        const instance = await steps.lock(ctx, organizationId, instanceId);
        const definition = definitions.compile(await definitions.byId(ctx.tx, instance.definitionId));
        const reason =
          event.type === APPROVAL_TASK_EVENT
            ? `${event.type} is the decision event of approval tasks; only the server sends it.`
            : reservedEventReason(definition, event.type);
        if (reason !== undefined) {
          ctx.history.push({
            organizationId,
            instanceId,
            kind: 'event.refused',
            eventType: event.type,
            actorId: ctx.actorId,
            stateBefore: instance.stateValue,
            payload: { reason },
          });
          throw new RefusedDecision(reason, ctx, 'event.refused');
        }
        const open = await ctx.tx
          .getRepository(Task)
          .findBy({ instanceId, organizationId, status: 'open', completeEvent: event.type });
        if (open.length > 0) {
          throw new ConflictException({
            message: `${event.type} completes the open task "${open[0].title}"; complete it through /api/tasks/${open[0].id}/complete.`,
          });
        }
        return steps.step(ctx, organizationId, instanceId, event, { kind: 'event' });
      },
      { clock: 'first-statement' },
    );
  }
}
