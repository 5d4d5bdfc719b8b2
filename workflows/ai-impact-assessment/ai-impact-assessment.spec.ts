import { compileDefinition, replay, type EngineEvent } from '@aimsflow/engine';
import { exampleData } from '../testing/simulate';
import { aiImpactAssessmentWorkflow } from './definition';

const definition = compileDefinition(aiImpactAssessmentWorkflow);
const ID = 'ai-impact-assessment';
const SYSTEM = { name: 'CV screener', owner: 'owner-2' };
const submit = (stateId: string, data: unknown): EngineEvent => ({
  type: 'SUBMIT',
  taskId: stateId,
  stateId: `${ID}.${stateId}`,
  data,
  actorId: 'u-1',
});
const assessed = submit('assessing', exampleData('ai-impact-assessment'));

describe('AI system impact assessment', () => {
  it('has the AIMS manager review what the owner assessed', () => {
    const result = replay(definition, { item: SYSTEM }, [assessed]);
    expect(result.effects).toContainEqual(
      expect.objectContaining({ type: 'openTask', form: 'approval-decision', candidateRole: 'aims-manager' }),
    );
  });

  it('returns the assessment to the owner when the review asks for changes', () => {
    const result = replay(definition, { item: SYSTEM }, [
      assessed,
      submit('reviewing', { decision: 'request-changes', requestedChanges: 'cover societal impact' }),
    ]);
    expect(result.value).toBe('assessing');
    expect(result.effects).toContainEqual(expect.objectContaining({ type: 'openTask', assignee: 'owner-2' }));
  });

  it('is approved by top management after a favourable review', () => {
    const events = [assessed, submit('reviewing', { decision: 'approve' })];
    const inApproval = replay(definition, { item: SYSTEM }, events);
    expect(inApproval.effects).toContainEqual(
      expect.objectContaining({
        type: 'requestApproval',
        levels: [{ role: 'top-management', rule: 'all' }],
        subject: exampleData('ai-impact-assessment'),
      }),
    );
    const approved = replay(definition, { item: SYSTEM }, [
      ...events,
      { type: 'APPROVED', stateId: `${ID}.approving` },
    ]);
    expect(approved).toMatchObject({ status: 'done', outcome: 'approved', output: { aiSystem: SYSTEM } });
  });

  it('goes back to the owner when top management rejects it', () => {
    const result = replay(definition, { item: SYSTEM }, [
      assessed,
      submit('reviewing', { decision: 'approve' }),
      { type: 'REJECTED', stateId: `${ID}.approving`, data: { comment: 'needs a DPIA link' } },
    ]);
    expect(result.value).toBe('assessing');
  });
});
