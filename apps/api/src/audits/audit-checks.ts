import { Injectable, OnModuleInit, UnprocessableEntityException } from '@nestjs/common';
import { StepListeners, type StepListener, type StepNotice } from '../workflow/step-listeners';
import { excludedControls } from './audit-prefills';
import { checklistLines, programmeCoverageErrors } from './audit-scope';

type Data = Record<string, any>;
type FieldError = { pointer: string; message: string };

/**
 * Checks on the internal audit's submissions that a form schema cannot express, made in the step's
 * transaction so a refused submission changes nothing (422 with every reason):
 * - a programme covers every clause 4–10 and every control the SoA keeps, within a cycle of three years;
 * - a checklist keeps every generated line, with evidence for each nonconformity and observation;
 * - every finding of a report names a clause or a control, and no two share a reference.
 */
@Injectable()
export class AuditChecks implements StepListener, OnModuleInit {
  constructor(private readonly listeners: StepListeners) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onStep(notice: StepNotice): Promise<void> {
    if (notice.kind !== 'task.completed') return;
    const { formKey, data } = (notice.payload ?? {}) as { formKey?: string; data?: Data };
    const org = notice.instance.organizationId;
    const context = (notice.result.context ?? {}) as Data;
    let errors: FieldError[] = [];
    let what = '';
    if (formKey === 'internal-audit-programme') {
      what = 'The audit programme does not cover the standard';
      errors = programmeCoverageErrors(data ?? {}, await excludedControls(notice.tx, org));
    } else if (formKey === 'audit-checklist' && notice.instance.definitionKey === 'internal-audit') {
      what = 'The checklist is incomplete';
      errors = checklistErrors(
        data ?? {},
        checklistLines(context.plan ?? {}, await excludedControls(notice.tx, org)),
      );
    } else if (formKey === 'audit-report') {
      what = 'Some findings are not linked';
      errors = reportErrors(data ?? {});
    }
    if (errors.length)
      throw new UnprocessableEntityException({
        message: `${what}: ${errors.map((e) => e.message).join('; ')}.`,
        errors,
      });
  }
}

function checklistErrors(data: Data, expected: Array<{ requirement: string }>): FieldError[] {
  const lines: Data[] = Array.isArray(data.lines) ? data.lines : [];
  const present = new Set(lines.map((line) => line.requirement));
  const missing = expected.filter((line) => !present.has(line.requirement)).map((line) => line.requirement);
  const errors: FieldError[] = missing.length
    ? [
        {
          pointer: '/data/lines',
          message: `the lines for ${missing.join(', ')} are missing; mark them not audited instead`,
        },
      ]
    : [];
  lines.forEach((line, index) => {
    if (
      (line.result === 'nonconform' || line.result === 'observation') &&
      !String(line.evidence ?? '').trim()
    )
      errors.push({
        pointer: `/data/lines/${index}/evidence`,
        message: `${line.requirement} needs the evidence seen`,
      });
  });
  return errors;
}

function reportErrors(data: Data): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const list of ['nonconformities', 'otherFindings']) {
    (Array.isArray(data[list]) ? (data[list] as Data[]) : []).forEach((finding, index) => {
      if (!finding.clause && !finding.control)
        errors.push({
          pointer: `/data/${list}/${index}`,
          message: `finding ${finding.ref} names neither a clause nor a control`,
        });
      if (seen.has(finding.ref))
        errors.push({
          pointer: `/data/${list}/${index}/ref`,
          message: `the reference ${finding.ref} is used twice`,
        });
      seen.add(finding.ref);
    });
  }
  return errors;
}
