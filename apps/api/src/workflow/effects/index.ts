import type { ApprovalChains } from '../../approvals/approval-chain';
import type { DefinitionCache } from '../definition-cache';
import type { InstanceSteps } from '../instance-steps';
import type { TaskWrites } from '../task-writes';
import { CancelApprovalHandler } from './cancel-approval.handler';
import { CancelChildrenHandler } from './cancel-children.handler';
import { CancelTasksHandler } from './cancel-tasks.handler';
import { CancelTimerHandler } from './cancel-timer.handler';
import { EffectHandlers } from './effect-handler';
import { NotifyHandler } from './notify.handler';
import { OpenTaskHandler } from './open-task.handler';
import { RequestApprovalHandler } from './request-approval.handler';
import { ScheduleTimerHandler } from './schedule-timer.handler';
import { StartChildrenHandler } from './start-children.handler';

export { EffectHandlers, type EffectHandler } from './effect-handler';

/** One handler per effect kind the engine emits. */
export function effectHandlers(deps: {
  tasks: TaskWrites;
  definitions: DefinitionCache;
  steps: InstanceSteps;
  approvals: ApprovalChains;
}): EffectHandlers {
  return new EffectHandlers([
    new OpenTaskHandler(deps.tasks),
    new CancelTasksHandler(deps.tasks),
    new ScheduleTimerHandler(),
    new CancelTimerHandler(),
    new StartChildrenHandler(deps.definitions, deps.steps),
    new CancelChildrenHandler(deps.steps),
    new NotifyHandler(),
    new RequestApprovalHandler(deps.approvals, deps.tasks),
    new CancelApprovalHandler(deps.approvals, deps.tasks),
  ]);
}
