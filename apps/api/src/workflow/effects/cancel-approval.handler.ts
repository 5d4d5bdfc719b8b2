import type { ApprovalChains } from '../../approvals/approval-chain';
import type { StepContext } from '../../platform/step/step-context';
import { approvalHost } from '../approval-host';
import type { ProcessInstance } from '../process-instance.entity';
import type { TaskWrites } from '../task-writes';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `cancelApproval`: the state waiting for a decision was left; its chain and open decision tasks are cancelled. */
export class CancelApprovalHandler implements EffectHandler<'cancelApproval'> {
  readonly type = 'cancelApproval' as const;
  constructor(
    private readonly approvals: ApprovalChains,
    private readonly tasks: TaskWrites,
  ) {}

  async apply(
    ctx: StepContext,
    instance: ProcessInstance,
    effect: EffectOf<'cancelApproval'>,
  ): Promise<void> {
    await this.approvals.cancel(
      approvalHost(ctx, this.tasks),
      instance.organizationId,
      instance.id,
      effect.stateId,
    );
  }
}
