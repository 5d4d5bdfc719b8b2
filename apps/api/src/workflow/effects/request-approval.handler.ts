import type { ApprovalChains } from '../../approvals/approval-chain';
import type { StepContext } from '../../platform/step/step-context';
import { approvalHost } from '../approval-host';
import type { ProcessInstance } from '../process-instance.entity';
import type { TaskWrites } from '../task-writes';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `requestApproval`: an approval chain starts, with the tasks of its first level. */
export class RequestApprovalHandler implements EffectHandler<'requestApproval'> {
  readonly type = 'requestApproval' as const;
  constructor(
    private readonly approvals: ApprovalChains,
    private readonly tasks: TaskWrites,
  ) {}

  async apply(
    ctx: StepContext,
    instance: ProcessInstance,
    effect: EffectOf<'requestApproval'>,
  ): Promise<void> {
    await this.approvals.start(
      approvalHost(ctx, this.tasks),
      {
        id: instance.id,
        organizationId: instance.organizationId,
        context: (instance.snapshot as { context?: unknown }).context,
      },
      effect,
    );
  }
}
