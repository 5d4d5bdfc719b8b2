import {
  compileDefinition,
  replay,
  startInstance,
  type EngineEvent,
  type StepResult,
} from '@aimsflow/engine';
import { builtInWorkflows } from '../index';
import { exampleData, simulate } from '../testing/simulate';
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
  { type: 'APPROVED', stateId: `${ID}.evaluating`, data: { approvalId: 'ap-1' } },
];
const run = (events: EngineEvent[]): StepResult => replay(definition, { item: SYSTEM }, events);
const tasks = (result: StepResult) => result.effects.filter((e) => e.type === 'openTask');

describe('AI risk assessment', () => {
  it('asks the system owner to identify the risks of that system', () => {
    expect(tasks(startInstance(definition, { item: SYSTEM }))).toEqual([
      expect.objectContaining({ assignee: 'owner-1', title: 'Identify the AI risks of Support chatbot' }),
    ]);
  });

  it('has an AIMS manager evaluate the analysed risk in an approval chain that excludes the risk owner', () => {
    const result = run(analysed('modify'));
    expect(tasks(result)).toEqual([]);
    expect(result.effects).toContainEqual(
      expect.objectContaining({
        type: 'requestApproval',
        stateId: `${ID}.evaluating`,
        levels: [{ role: 'aims-manager', rule: 'any' }],
        subject: expect.objectContaining({ treatment: 'modify' }),
        excludedPeople: [(exampleData('ai-risk-assessment') as { riskOwner?: string }).riskOwner].filter(
          Boolean,
        ),
      }),
    );
  });

  it('never lets the analyst evaluate: the simulated evaluator is someone else, and the flow goes on', () => {
    const { result, log } = simulate(builtInWorkflows, ID, { item: SYSTEM });
    const evaluation = log.decisions.filter((d) => d.stateId === `${ID}.evaluating`);
    expect(evaluation).toHaveLength(1);
    expect(evaluation[0].userId).not.toBe('user-1');
    expect(result.status).toBe('done');
  });

  it('returns the analysis to the owner with the comments when the evaluation asks for changes', () => {
    const result = run([
      ...analysed('modify'),
      {
        type: 'REJECTED',
        stateId: `${ID}.evaluating`,
        data: { decision: 'request-changes', comment: 'rate the impact on applicants', level: 1 },
      },
    ]);
    expect(result.value).toBe('analysing');
    expect(result.context).toMatchObject({
      reviews: [{ decision: 'request-changes', comment: 'rate the impact on applicants' }],
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
