import { builtInWorkflows, documentApprovalWorkflow } from '@aimsflow/workflows';
import { startInstance, step } from './run-instance';
import { compileDefinition, validateDefinition } from './validate-definition';

describe('built-in workflows', () => {
  const keys = new Set(builtInWorkflows.map((w) => w.key));

  it.each(builtInWorkflows.map((w) => [w.key, w] as const))('%s validates', (_key, workflow) => {
    const result = validateDefinition(workflow, { definitionExists: (key) => keys.has(key) });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('document approval: draft, reject with comments, redraft, approve', () => {
    const def = compileDefinition(documentApprovalWorkflow);
    let result = startInstance(def, { ownerId: 'u-1', title: 'AI policy' });
    expect(result.effects).toEqual([
      expect.objectContaining({ type: 'openTask', assignee: 'u-1', title: 'Draft AI policy' }),
    ]);

    result = step(def, result.snapshot, {
      type: 'SUBMIT',
      stateId: 'document-approval.drafting',
      data: { body: 'v1' },
    });
    expect(result.effects.map((e) => e.type)).toEqual([
      'cancelTasks',
      'requestApproval',
      'notify',
      'scheduleTimer',
    ]);
    expect(result.effects[1]).toMatchObject({ subject: { body: 'v1' } });

    result = step(def, result.snapshot, { type: 'REJECTED', data: { comment: 'cite 5.2' } });
    expect(result.effects.map((e) => e.type)).toEqual(['cancelApproval', 'cancelTimer', 'openTask']);
    expect(result.context).toMatchObject({ reviews: [{ comment: 'cite 5.2' }] });

    result = step(def, result.snapshot, {
      type: 'SUBMIT',
      stateId: 'document-approval.drafting',
      data: { body: 'v2' },
    });
    result = step(def, result.snapshot, { type: 'APPROVED' });
    expect(result).toMatchObject({
      status: 'done',
      outcome: 'approved',
      output: { outcome: 'approved', document: { body: 'v2' } },
    });
  });
});
