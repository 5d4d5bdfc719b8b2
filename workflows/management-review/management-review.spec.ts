import { validateDefinition } from '@aimsflow/engine';
import { builtInWorkflows } from '../index';
import { exampleData, simulate } from '../testing/simulate';
import { managementReviewWorkflow } from './definition';

const minutes = exampleData('management-review-minutes') as {
  actions: Array<{ owner: string; title: string }>;
};

describe('management review', () => {
  it('validates against the built-in definitions', () => {
    const keys = new Set(builtInWorkflows.map((w) => w.key));
    const result = validateDefinition(managementReviewWorkflow, { definitionExists: (k) => keys.has(k) });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('is prepared and held by the AIMS manager, signed by top management, then tracks each action with its owner', () => {
    const { result, log } = simulate(builtInWorkflows, 'management-review');
    expect(result).toMatchObject({ status: 'done', outcome: 'closed' });
    expect(log.tasks.filter((t) => t.instanceOf === 'management-review')).toEqual([
      expect.objectContaining({ form: 'management-review-preparation', candidateRole: 'aims-manager' }),
      expect.objectContaining({ form: 'management-review-minutes', candidateRole: 'aims-manager' }),
    ]);
    expect(log.approvals).toEqual([
      expect.objectContaining({
        stateId: 'management-review.signing',
        levels: [{ role: 'top-management', rule: 'all' }],
        subject: minutes,
      }),
    ]);
    // One review-action per decided action, its task assigned to the action's owner, after the signature.
    const actionTasks = log.tasks.filter((t) => t.instanceOf === 'review-action');
    expect(actionTasks.map((t) => [t.assignee, t.title])).toEqual(
      minutes.actions.map((a) => [a.owner, `Review action: ${a.title}`]),
    );
    const signedAt = log.events.findIndex((e) => e.event.type === 'APPROVED');
    const firstAction = log.events.findIndex((e) => e.instanceOf === 'review-action');
    expect(signedAt).toBeGreaterThanOrEqual(0);
    expect(firstAction).toBeGreaterThan(signedAt);
    expect(log.children[0]).toMatchObject({
      definitionKey: 'review-action',
      inputs: minutes.actions.map((item) => ({ review: 'Management review 2027', item })),
    });
    expect(result.output).toMatchObject({ nextReviewDate: '2028-03-15' });
  });

  it('sends the minutes back to the meeting when top management reject them', () => {
    const { log } = simulate(
      builtInWorkflows,
      'management-review',
      {},
      {
        intercept: (work, scope) =>
          work.kind === 'approval' && scope.handled === 0
            ? {
                type: work.effect.rejectedEvent,
                stateId: work.effect.stateId,
                data: { comment: 'name an owner' },
              }
            : undefined,
      },
    );
    const held = log.tasks.filter((t) => t.stateId === 'management-review.holding');
    expect(held).toHaveLength(2);
    expect(log.approvals).toHaveLength(2);
  });

  it('closes at once when the review decided no action', () => {
    const { result, log } = simulate(
      builtInWorkflows,
      'management-review',
      {},
      {
        taskData: (task) =>
          task.form === 'management-review-minutes'
            ? { ...structuredClone(minutes), actions: [] }
            : undefined,
      },
    );
    expect(result).toMatchObject({ status: 'done', outcome: 'closed' });
    expect(log.tasks.filter((t) => t.instanceOf === 'review-action')).toEqual([]);
  });
});
