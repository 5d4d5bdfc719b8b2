import { compileDefinition, replay, startInstance } from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';
import { builtInWorkflows } from '../index';
import { exampleData, simulate } from '../testing/simulate';
import { certificationAuditWorkflow } from './definition';

type Data = Record<string, any>;
const definition = compileDefinition(certificationAuditWorkflow);
/** A named valid example of a form. */
const example = (form: string, name: string) =>
  structuredClone(
    builtInForms.find((f) => f.key === form)!.examples.valid.find((e) => e.name === name)!.data,
  ) as Data;
const body = exampleData('certification-body') as Data;
const withFindings = example('certification-findings', 'one-major-and-one-minor');
const submit = (state: string, data: unknown) => ({
  type: 'SUBMIT',
  taskId: `t-${state}`,
  stateId: `certification-audit.${state}`,
  data,
  actorId: 'manager-1',
});

/** Form data by form key; anything else is the form's first valid example. */
const answers =
  (byForm: Record<string, unknown | (() => unknown)>) =>
  (task: { form: string }): unknown => {
    const answer = byForm[task.form];
    return typeof answer === 'function' ? (answer as () => unknown)() : answer;
  };

describe('certification audit', () => {
  it('opens with the certification body, then the stage 1 review drafted by the server and due on its last day', () => {
    const start = startInstance(definition);
    expect(start.value).toBe('engagingBody');
    expect(start.effects).toEqual([
      expect.objectContaining({
        type: 'openTask',
        form: 'certification-body',
        candidateRole: 'aims-manager',
      }),
    ]);
    const review = replay(definition, {}, [submit('engagingBody', body)]);
    expect(review.value).toBe('reviewingDocuments');
    expect(review.effects).toContainEqual(
      expect.objectContaining({
        form: 'certification-stage-one',
        prefill: 'certification-stage-one',
        dueOn: body.stageOneEnd,
        title: `Stage 1 document review by ${body.name}`,
      }),
    );
  });

  it('loops stage 1 concerns back to the AIMS manager and reviews again before stage 2 is scheduled', () => {
    let reviews = 0;
    const { result, log } = simulate(
      builtInWorkflows,
      'certification-audit',
      {},
      {
        taskData: answers({
          'certification-stage-one': () =>
            ++reviews < 3
              ? example('certification-stage-one', 'one-concern')
              : example('certification-stage-one', 'ready'),
        }),
      },
    );
    expect(result).toMatchObject({ status: 'done', outcome: 'granted' });
    const forms = log.tasks.filter((t) => t.instanceOf === 'certification-audit').map((t) => t.form);
    expect(forms.slice(0, 7)).toEqual([
      'certification-body',
      'certification-stage-one',
      'certification-concern-resolution',
      'certification-stage-one',
      'certification-concern-resolution',
      'certification-stage-one',
      'certification-stage-two-schedule',
    ]);
    expect(result.context).toMatchObject({
      stageOneReviews: [
        { outcome: 'concerns-raised' },
        { outcome: 'concerns-raised' },
        { outcome: 'ready-for-stage-two' },
      ],
      concernResolutions: [expect.any(Object), expect.any(Object)],
    });
  });

  it('starts one finding per major or minor, each with its nonconformity and a closure due on the body’s deadline that escalates to top management', () => {
    const { result, log } = simulate(
      builtInWorkflows,
      'certification-audit',
      {},
      { taskData: answers({ 'certification-findings': withFindings }) },
    );
    expect(result).toMatchObject({ status: 'done', outcome: 'granted' });
    const [findings] = log.children.filter((c) => c.definitionKey === 'certification-finding');
    expect(findings.inputs).toEqual(
      withFindings.nonconformities.map((item: Data) => ({
        item,
        bodyName: body.name,
        majorDeadline: withFindings.majorDeadline,
      })),
    );
    // The opportunity for improvement starts nothing; each nonconformity is a case of its own.
    const cases = log.children.filter((c) => c.definitionKey === 'nonconformity');
    expect(cases.map((c) => c.inputs)).toEqual(
      withFindings.nonconformities.map((item: Data) => [
        {
          source: 'certification-audit',
          sourceTitle: `Certification audit by ${body.name}`,
          item,
          majorDeadline: withFindings.majorDeadline,
        },
      ]),
    );
    const closures = log.tasks.filter((t) => t.form === 'certification-finding-closure');
    expect(closures.map((t) => [(t as Data).dueOn, (t as Data).escalateTo])).toEqual([
      // A major without a date of its own: the 90-day default; a minor: the plan the body accepted.
      [[undefined, withFindings.majorDeadline], 'top-management'],
      [[withFindings.nonconformities[1].deadline, withFindings.majorDeadline], 'top-management'],
    ]);
    // The decision waits until every finding is closed with the body.
    const order = log.tasks.map((t) => t.form);
    expect(order.lastIndexOf('certification-finding-closure')).toBeLessThan(
      order.indexOf('certification-decision'),
    );
    expect((result.output as Data).findingCases).toEqual([
      expect.objectContaining({ output: expect.objectContaining({ outcome: 'closed' }) }),
      expect.objectContaining({ output: expect.objectContaining({ outcome: 'closed' }) }),
    ]);
  });

  it('gives the certificate in the shape phase 5 reads', () => {
    const { result } = simulate(builtInWorkflows, 'certification-audit', {});
    const certificate = exampleData('certificate') as Data;
    expect((result.output as Data).certificate).toEqual({
      number: certificate.number,
      scope: certificate.scope,
      decidedOn: certificate.decidedOn,
      issuedOn: certificate.issuedOn,
      expiresOn: certificate.expiresOn,
    });
  });

  it('ends without a certificate when the body does not grant it', () => {
    const { result, log } = simulate(
      builtInWorkflows,
      'certification-audit',
      {},
      { taskData: answers({ 'certification-decision': example('certification-decision', 'not-granted') }) },
    );
    expect(result).toMatchObject({ status: 'done', outcome: 'not-granted' });
    expect((result.output as Data).certificate).toBeNull();
    expect(log.tasks.map((t) => t.form)).not.toContain('certificate');
  });

  it('keeps stage 2 open past its planned dates: the task is due on the planned last day, the record keeps the dates held', () => {
    const schedule = exampleData('certification-stage-two-schedule') as Data;
    const late = { startDate: '2027-04-12', endDate: '2027-04-13' };
    const steps = [
      submit('engagingBody', body),
      submit('reviewingDocuments', example('certification-stage-one', 'ready')),
      submit('schedulingStageTwo', schedule),
    ];
    const holding = replay(definition, {}, steps);
    expect(holding.effects).toContainEqual(
      expect.objectContaining({
        form: 'certification-stage-two',
        prefill: 'certification-stage-two',
        dueOn: schedule.endDate,
      }),
    );
    const findings = replay(definition, {}, [...steps, submit('holdingStageTwo', late)]);
    expect(findings.value).toBe('recordingFindings');
    expect(findings.context).toMatchObject({ stageTwoSchedule: schedule, stageTwo: late });
    expect(findings.effects).toContainEqual(
      expect.objectContaining({ form: 'certification-findings', prefill: 'certification-findings' }),
    );
  });
});
