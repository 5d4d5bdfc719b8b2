import { Injectable, OnModuleInit, UnprocessableEntityException } from '@nestjs/common';
import { StepListeners, type StepListener, type StepNotice } from '../workflow/step-listeners';
import {
  CERTIFICATE_YEARS,
  MAJOR_DEADLINE_DAYS,
  addYears,
  calendarDate,
  majorDeadline,
} from './certification-dates';

type Data = Record<string, any>;
type FieldError = { pointer: string; message: string };

/**
 * Checks on the certification audit's submissions that a form schema cannot express, made in the
 * step's transaction so a refused submission changes nothing (422 with every reason):
 * - stage 2 does not end before it starts;
 * - the findings keep the stage 2 end date and the 90-day default that follows from it (a late stage
 *   2 moves the deadline with it), every finding names a clause or a control, no two share a
 *   reference, and a minor has the date of the plan the body accepted as its deadline;
 * - a certificate is issued on or after the decision and expires after issue, at most three years on;
 * - the corrective actions of a certification finding's nonconformity are due by the body's deadline.
 */
@Injectable()
export class CertificationChecks implements StepListener, OnModuleInit {
  constructor(private readonly listeners: StepListeners) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onStep(notice: StepNotice): Promise<void> {
    if (notice.kind !== 'task.completed') return;
    const { formKey, data = {} } = (notice.payload ?? {}) as { formKey?: string; data?: Data };
    const context = (notice.result.context ?? {}) as Data;
    let errors: FieldError[] = [];
    let what = '';
    if (
      formKey === 'corrective-action-plan' &&
      notice.instance.definitionKey === 'nonconformity' &&
      context.source === 'certification-audit'
    ) {
      what = "The plan does not meet the certification body's deadline";
      errors = planErrors(data, context);
    } else if (notice.instance.definitionKey !== 'certification-audit') return;
    else if (formKey === 'certification-stage-two' || formKey === 'certification-stage-two-schedule') {
      what = 'The stage 2 dates do not fit';
      if (data.startDate && data.endDate && data.endDate < data.startDate)
        errors = [{ pointer: '/data/endDate', message: 'stage 2 cannot end before it starts' }];
    } else if (formKey === 'certification-findings') {
      what = 'The findings cannot be recorded';
      errors = [
        ...findingsErrors(data, (context.stageTwo ?? {}) as Data),
        ...(await reusedReferences(notice, data)),
      ];
    } else if (formKey === 'certificate') {
      what = 'The certificate dates do not fit';
      errors = certificateErrors(data);
    }
    if (errors.length)
      throw new UnprocessableEntityException({
        message: `${what}: ${errors.map((e) => e.message).join('; ')}.`,
        errors,
      });
  }
}

export function findingsErrors(data: Data, stageTwo: Data): FieldError[] {
  const errors: FieldError[] = [];
  const end = stageTwo.endDate;
  const expected = majorDeadline(end);
  if (data.stageTwoEndDate !== end)
    errors.push({
      pointer: '/data/stageTwoEndDate',
      message: `stage 2 ended on ${end}, as recorded when it was held`,
    });
  if (expected && data.majorDeadline !== expected)
    errors.push({
      pointer: '/data/majorDeadline',
      message: `the default deadline for majors is ${expected}, ${MAJOR_DEADLINE_DAYS} days after stage 2 ended`,
    });
  const seen = new Set<string>();
  for (const list of ['nonconformities', 'opportunities']) {
    (Array.isArray(data[list]) ? (data[list] as Data[]) : []).forEach((finding, index) => {
      const at = `/data/${list}/${index}`;
      if (!finding.clause && !finding.control)
        errors.push({ pointer: at, message: `finding ${finding.ref} names neither a clause nor a control` });
      if (seen.has(finding.ref))
        errors.push({ pointer: `${at}/ref`, message: `the reference ${finding.ref} is used twice` });
      seen.add(finding.ref);
      if (list !== 'nonconformities') return;
      if (finding.grade === 'minor' && !finding.deadline)
        errors.push({
          pointer: `${at}/deadline`,
          message: `minor ${finding.ref} needs the deadline of the plan the body accepted`,
        });
      if (finding.deadline && end && finding.deadline < end)
        errors.push({
          pointer: `${at}/deadline`,
          message: `the deadline of ${finding.ref} is before stage 2 ended`,
        });
    });
  }
  return errors;
}

/** Every corrective action of a certification finding is due by the body's deadline. */
export function planErrors(data: Data, context: Data): FieldError[] {
  const deadline = [context.item?.deadline, context.majorDeadline].find((d) => calendarDate(d));
  if (!deadline) return [];
  return (Array.isArray(data.actions) ? (data.actions as Data[]) : []).flatMap((action, index) =>
    typeof action.dueDate === 'string' && action.dueDate > deadline
      ? [
          {
            pointer: `/data/actions/${index}/dueDate`,
            message: `action ${index + 1} is due ${action.dueDate}, after the deadline ${deadline}`,
          },
        ]
      : [],
  );
}

/**
 * The findings register is keyed by reference: one already used by another audit would be
 * overwritten. The projector has already written this step (it listens first), so an earlier
 * audit's use shows in the record's versions.
 */
async function reusedReferences(notice: StepNotice, data: Data): Promise<FieldError[]> {
  const refs = ['nonconformities', 'opportunities'].flatMap((list) =>
    (Array.isArray(data[list]) ? (data[list] as Data[]) : []).map((finding) => String(finding.ref)),
  );
  if (refs.length === 0) return [];
  const taken: Array<{ record_key: string }> = await notice.tx.query(
    `SELECT DISTINCT r.record_key FROM register_records r
       JOIN register_record_versions v ON v.record_id = r.id
      WHERE r.organization_id = $1 AND r.register_key = 'certification-findings'
        AND r.record_key = ANY($2::text[]) AND v.data->>'auditId' <> $3
      ORDER BY 1`,
    [notice.instance.organizationId, refs, notice.instance.id],
  );
  return taken.map(({ record_key }) => ({
    pointer: '/data',
    message: `the reference ${record_key} is already used by an earlier certification audit`,
  }));
}

export function certificateErrors(data: Data): FieldError[] {
  const errors: FieldError[] = [];
  const [decided, issued, expires] = [data.decidedOn, data.issuedOn, data.expiresOn].map(calendarDate);
  if (decided && issued && issued < decided)
    errors.push({ pointer: '/data/issuedOn', message: 'a certificate is issued on or after the decision' });
  if (issued && expires && expires <= issued)
    errors.push({ pointer: '/data/expiresOn', message: 'a certificate expires after it is issued' });
  const latest = issued ? addYears(data.issuedOn, CERTIFICATE_YEARS) : null;
  if (latest && typeof data.expiresOn === 'string' && data.expiresOn > latest)
    errors.push({
      pointer: '/data/expiresOn',
      message: `a certificate is valid at most ${CERTIFICATE_YEARS} years: it expires on ${latest} at the latest`,
    });
  return errors;
}
