import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { documentApprovalWorkflow } from './document-approval/definition';
import { itemReviewWorkflow } from './item-review/definition';

export { documentApprovalWorkflow, itemReviewWorkflow };

/** Definitions shipped with the product; the server deploys them (a no-op when the hash is unchanged). */
export const builtInWorkflows: WorkflowDefinitionInput[] = [documentApprovalWorkflow, itemReviewWorkflow];
