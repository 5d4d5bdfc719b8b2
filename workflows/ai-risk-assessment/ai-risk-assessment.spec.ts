import {
  compileDefinition,
  replay,
  startInstance,
  type EngineEvent,
  type StepResult,
} from '@aimsflow/engine';
import { exampleData } from '../testing/simulate';
import { aiRiskAssessmentWorkflow } from './definition';

const definition = compileDefinition(aiRiskAssessmentWorkflow);
const ID = 'ai-risk-assessment';
const SYSTEM = { name: 'Support chatbot', owner: 'owner-1' };

const submit = (stateId: string, data: unknown): EngineEvent => ({
  type: 'SUBMIT',
  taskId: stateId,
  stateId: `${ID}.${stateId}`,
  data,
  actorId: 'owner-1',
});
const analysed = (treatment: string) => [
  submit('identifying', { done: true, note: 'opacity, automation' }),
  submit('analysing', { ...(exampleData('ai-risk-assessment') as object), treatment }),
];
const evaluated = (treatment: string) => [
  ...analysed(treatment),
  submit('evaluating', { decision: 'approve' }),
];
const run = (events: EngineEvent[]): StepResult => replay(definition, { item: SYSTEM }, events);
const tasks = (result: StepResult) => result.effects.filter((e) => e.type === 'openTask');

describe('AI risk assessment', () => {
  it('asks the system owner to identify the risks of that system', () => {
    expect(tasks(startInstance(definition, { item: SYSTEM }))).toEqual([
      expect.objectContaining({ assignee: 'owner-1', title: 'Identify the AI risks of Support chatbot' }),
    ]);
  });

  it('has the AIMS manager evaluate the analysed risk', () => {
    expect(tasks(run(analysed('modify')))).toEqual([
      expect.objectContaining({ form: 'approval-decision', candidateRole: 'aims-manager' }),
    ]);
  });

  it('returns the analysis to the owner with the comments when the evaluation asks for changes', () => {
    const result = run([
      ...analysed('modify'),
      submit('evaluating', {
        decision: 'request-changes',
        requestedChanges: 'rate the impact on applicants',
      }),
    ]);
    expect(result.value).toBe('analysing');
    expect(result.context).toMatchObject({
      reviews: [{ requestedChanges: 'rate the impact on applicants' }],
    });
  });

  it('has a modified risk treated before top management accepts the residual risk', () => {
    const treated = run(evaluated('modify'));
    expect(treated.value).toBe('treating');
    const accepting = run([...evaluated('modify'), submit('treating', { done: true })]);
    expect(accepting.effects).toContainEqual(
      expect.objectContaining({
        type: 'requestApproval',
        levels: [
          { role: 'aims-manager', rule: 'any' },
          { role: 'top-management', rule: 'all' },
        ],
      }),
    );
    const accepted = run([
      ...evaluated('modify'),
      submit('treating', { done: true }),
      { type: 'APPROVED', stateId: `${ID}.acceptingResidualRisk` },
    ]);
    expect(accepted).toMatchObject({ status: 'done', outcome: 'accepted', output: { aiSystem: SYSTEM } });
  });

  it('asks for acceptance of a retained risk straight away, with no treatment task', () => {
    const result = run(evaluated('retain'));
    expect(result.value).toBe('acceptingResidualRisk');
    expect(tasks(result)).toEqual([]);
  });

  it('ends an avoided risk once the owner confirms the activity stopped, without an acceptance', () => {
    const confirming = run(evaluated('avoid'));
    expect(confirming.value).toBe('confirmingAvoidance');
    const result = run([
      ...evaluated('avoid'),
      submit('confirmingAvoidance', { done: true, note: 'feature withdrawn' }),
    ]);
    expect(result).toMatchObject({ status: 'done', outcome: 'avoided' });
  });

  it('sends a refused residual risk back to treatment', () => {
    const result = run([
      ...evaluated('retain'),
      { type: 'REJECTED', stateId: `${ID}.acceptingResidualRisk`, data: { comment: 'too high to retain' } },
    ]);
    expect(result.value).toBe('treating');
    expect(result.context).toMatchObject({ reviews: [{ comment: 'too high to retain' }] });
  });
});
