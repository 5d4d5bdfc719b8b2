import type { ApprovalChains } from '../../approvals/approval-chain';
import type { UnitOfWork } from '../../platform/step/unit-of-work';
import { pointerFromPath, type FieldError } from '../../platform/http/problem';
import type { DefinitionCache } from '../definition-cache';
import type { FormBinding } from '../form-binding';
import type { InstanceSteps } from '../instance-steps';
import type { TaskWrites } from '../task-writes';

/** What the use cases are composed of (built once by the ProcessRuntime). */
export interface RuntimeParts {
  work: UnitOfWork;
  steps: InstanceSteps;
  definitions: DefinitionCache;
  tasks: TaskWrites;
  forms: FormBinding;
  approvals: ApprovalChains;
}

/** A form's verdict (pointers into the submission) as pointers into the request body `{data}`. */
export function submissionErrors(errors: { path: string; message: string }[]): FieldError[] {
  return errors.map((e) => ({ pointer: '/data' + pointerFromPath(e.path), message: e.message }));
}
