import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { excludedSoaControls } from '../registers/soa-records';
import { TaskPrefills } from '../workflow/task-prefill';
import { checklistLines } from './audit-scope';

type Data = Record<string, any>;

/** The Annex A controls the organisation's SoA excludes (not applicable); undecided ones are audited. */
export async function excludedControls(tx: EntityManager, organizationId: string): Promise<Set<string>> {
  return excludedSoaControls(tx, organizationId);
}

/**
 * The first drafts of the internal audit's tasks, computed by the server when each task opens
 * (`meta.task.prefill`): the plan from the programme's entry, the checklist from the catalogue's
 * clauses in scope and the SoA's controls in scope, the report's findings from the checklist lines
 * marked nonconform or observation.
 */
@Injectable()
export class AuditPrefills implements OnModuleInit {
  constructor(private readonly prefills: TaskPrefills) {}

  onModuleInit(): void {
    this.prefills.provide('audit-plan', async (_tx, _org, context) => planDraft(context.item as Data | null));
    this.prefills.provide('audit-checklist', async (tx, org, context) => ({
      lines: checklistLines((context.plan ?? {}) as Data, await excludedControls(tx, org)),
    }));
    this.prefills.provide('audit-report', async (_tx, _org, context) =>
      reportDraft(context.plan as Data | null, context.checklist as Data | null),
    );
  }
}

function planDraft(item: Data | null): Data {
  if (!item) return {};
  const fields = [
    'reference',
    'title',
    'clauses',
    'controls',
    'startDate',
    'endDate',
    'leadAuditor',
    'auditees',
  ];
  return {
    ...Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])),
    criteria: 'ISO/IEC 42001, the AI policy, the SoA and the AIMS procedures in scope.',
  };
}

function reportDraft(plan: Data | null, checklist: Data | null): Data {
  const lines: Data[] = Array.isArray(checklist?.lines) ? checklist.lines : [];
  const reference = String(plan?.reference ?? 'IA');
  let n = 0;
  const finding = (line: Data, grade: string) => ({
    ref: `${reference}-F${++n}`,
    grade,
    title: `${line.requirement} ${line.title ?? ''}`.trim(),
    ...(line.kind === 'control' ? { control: line.requirement } : { clause: line.requirement }),
    ...(line.evidence ? { evidence: line.evidence } : {}),
  });
  return {
    nonconformities: lines.filter((l) => l.result === 'nonconform').map((l) => finding(l, 'minor')),
    otherFindings: lines.filter((l) => l.result === 'observation').map((l) => finding(l, 'observation')),
  };
}
