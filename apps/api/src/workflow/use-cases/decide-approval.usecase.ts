import { ForbiddenException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { DecisionRequest } from '../../approvals/approval-chain';
import { Approval } from '../../approvals/approval.entity';
import type { Principal } from '../../identity/auth/principal';
import { RefusedDecision, type StepContext } from '../../platform/step/step-context';
import { approvalHost } from '../approval-host';
import { Task } from '../task.entity';
import { submissionErrors, type RuntimeParts } from './runtime-parts';

/** Records a decision on an approval chain (the same rules whether it comes from the task or the approvals API). */
export class DecideApproval {
  constructor(private readonly parts: RuntimeParts) {}

  async execute(
    organizationId: string,
    actor: Principal,
    approvalId: string,
    request: DecisionRequest,
  ): Promise<Approval> {
    const { work, approvals, tasks } = this.parts;
    const outcome = await work.run(actor.userId, async (ctx) => {
      const exists = await ctx.tx.getRepository(Approval).existsBy({ id: approvalId, organizationId });
      if (!exists) throw new NotFoundException({ message: 'Approval not found.' });
      return approvals.decide(approvalHost(ctx, tasks), actor, approvalId, request);
    });
    // The refusal is in the audit trail by now (its transaction committed); only then is it an error.
    if (outcome.refused !== undefined) throw new ForbiddenException({ message: outcome.refused });
    return outcome.approval;
  }

  /** Completing an approval task is deciding on its chain, with the decision form's data. */
  async onTask(ctx: StepContext, actor: Principal, task: Task, data: unknown): Promise<Task> {
    const { forms, approvals, tasks } = this.parts;
    const errors = await forms.validate(ctx.tx, task.organizationId, task.formKey, task.formVersion, data);
    if (errors.length > 0) {
      throw new UnprocessableEntityException({
        message: `The decision does not match form ${task.formKey}.`,
        errors: submissionErrors(errors),
      });
    }
    // The approval-decision form names the reason `comment` (reject) or `requestedChanges` (request changes).
    const {
      decision,
      comment: reason,
      requestedChanges,
    } = (data ?? {}) as { decision?: unknown; comment?: unknown; requestedChanges?: unknown };
    const comment = typeof reason === 'string' && reason ? reason : requestedChanges;
    if (decision !== 'approve' && decision !== 'reject' && decision !== 'request-changes') {
      throw new UnprocessableEntityException({
        message:
          'An approval task is completed with {decision: "approve" | "reject" | "request-changes", comment}.',
        errors: [{ pointer: '/data/decision', message: 'must be approve, reject or request-changes' }],
      });
    }
    const outcome = await approvals.decide(approvalHost(ctx, tasks), actor, task.approvalId!, {
      decision,
      comment: typeof comment === 'string' ? comment : null,
      // No taskId: a shared level task (a role or group level) stays open for the other deciders until the
      // level's rule is met; the decider's own personal task, if any, is completed by the chain itself.
    });
    if (outcome.refused !== undefined) throw new RefusedDecision(outcome.refused, ctx);
    return ctx.tx.getRepository(Task).findOneByOrFail({ id: task.id });
  }
}
