import { addDays, addYears, calendarDate, defaultExpiry, majorDeadline } from './certification-dates';
import { certificateErrors, findingsErrors, planErrors } from './certification-checks';

describe('certification dates', () => {
  it('counts 90 days from the last day of stage 2, across months and years', () => {
    expect(majorDeadline('2027-03-02')).toBe('2027-05-31');
    expect(majorDeadline('2027-04-13')).toBe('2027-07-12');
    expect(majorDeadline('2027-11-15')).toBe('2028-02-13');
    expect(majorDeadline('not a date')).toBeNull();
    expect(addDays('2027-02-30', 1)).toBeNull();
  });

  it('expires three years after issue, 29 February falling back to 28 February', () => {
    expect(defaultExpiry('2027-06-20')).toBe('2030-06-20');
    expect(addYears('2028-02-29', 3)).toBe('2031-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(calendarDate('2027-13-01')).toBeNull();
  });
});

describe('certification checks', () => {
  const stageTwo = { startDate: '2027-04-12', endDate: '2027-04-13' };
  const major = { ref: 'F1', grade: 'major', clause: '9.2', title: 'Clause 8 not audited' };

  it('accepts findings that keep the computed default and give each minor its accepted plan date', () => {
    const data = {
      stageTwoEndDate: '2027-04-13',
      majorDeadline: '2027-07-12',
      nonconformities: [
        major,
        { ref: 'F2', grade: 'minor', control: 'A.6.2.6', title: 'Logs', deadline: '2027-06-30' },
      ],
      opportunities: [{ ref: 'O1', grade: 'opportunity', clause: '7.3', title: 'Training' }],
    };
    expect(findingsErrors(data, stageTwo)).toEqual([]);
  });

  it('refuses the planned date as the base, a minor without a deadline, an unlinked finding and a reused reference', () => {
    const messages = findingsErrors(
      {
        stageTwoEndDate: '2027-03-02',
        majorDeadline: '2027-05-31',
        nonconformities: [major, { ref: 'F1', grade: 'minor', title: 'Logs' }],
        opportunities: [],
      },
      stageTwo,
    ).map((e) => e.message);
    expect(messages).toEqual([
      'stage 2 ended on 2027-04-13, as recorded when it was held',
      'the default deadline for majors is 2027-07-12, 90 days after stage 2 ended',
      'finding F1 names neither a clause nor a control',
      'the reference F1 is used twice',
      'minor F1 needs the deadline of the plan the body accepted',
    ]);
  });

  it('keeps a certificate within three years of issue and issued after the decision', () => {
    const ok = { decidedOn: '2027-04-15', issuedOn: '2027-04-20', expiresOn: '2030-04-20' };
    expect(certificateErrors(ok)).toEqual([]);
    expect(
      certificateErrors({ ...ok, issuedOn: '2027-04-01', expiresOn: '2030-04-01' }).map((e) => e.pointer),
    ).toEqual(['/data/issuedOn']);
    expect(certificateErrors({ ...ok, expiresOn: '2030-04-21' })[0].message).toContain(
      '2030-04-20 at the latest',
    );
    expect(certificateErrors({ ...ok, expiresOn: '2027-04-20' })[0].pointer).toBe('/data/expiresOn');
  });

  it('holds corrective actions to the finding’s own deadline, else the majors’ default', () => {
    const plan = { actions: [{ dueDate: '2027-06-30' }, { dueDate: '2027-07-13' }] };
    expect(planErrors(plan, { majorDeadline: '2027-07-12' }).map((e) => e.pointer)).toEqual([
      '/data/actions/1/dueDate',
    ]);
    expect(planErrors(plan, { item: { deadline: '2027-06-01' }, majorDeadline: '2027-07-12' })).toHaveLength(
      2,
    );
    expect(planErrors(plan, {})).toEqual([]);
  });
});
