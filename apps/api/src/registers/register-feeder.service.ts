import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { annexAControls, findControl } from '@aimsflow/iso42001';
import { DataSource, EntityManager } from 'typeorm';
import { Approval } from '../approvals/approval.entity';
import { Organization } from '../identity/organization.entity';
import { StepListeners, type StepListener, type StepNotice } from '../workflow/step-listeners';
import { DocumentRow, type DocumentApprovalState } from './document.entity';
import { SoaRow } from './soa-row.entity';

type Data = Record<string, any>;

/** Forms whose submissions are controlled documents (7.5), and the register title of each. */
const DOCUMENT_FORMS: Record<string, string> = {
  'ai-policy': 'AI policy',
  'ai-objectives': 'AI objectives',
  'aims-scope': 'Scope of the AIMS',
  'leadership-commitment': 'Leadership commitment statement',
  'project-plan': 'AIMS project plan',
  'gap-consolidation': 'Gap analysis: consolidated gap list',
  'management-review-minutes': 'Management review minutes',
};
/** Forms whose completed tasks write the SoA or a document (the step listener ignores every other form). */
const FED_BY: Record<string, true> = {
  'gap-assessment-item': true,
  'soa-entry': true,
  ...Object.fromEntries(Object.keys(DOCUMENT_FORMS).map((key) => [key, true])),
};
const SOA_SIGNING_SCOPE = 'phase-build-implement.statementOfApplicability';

/** Upper bound of the SoA's gap-analysis draft: a decided or signed row is only changed by an SoA entry. */
const DRAFT_STAGES = new Set(['catalogue', 'draft']);

/**
 * Keeps the two registers that are still code — the Statement of Applicability and documented
 * information — in step with the workflows: called after every step, in the step's transaction.
 * Every other register is declared as data and filled by the RegisterProjector.
 */
@Injectable()
export class RegisterFeeder implements StepListener, OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly listeners: StepListeners,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** Every organisation's SoA lists all Annex A controls from the start. */
  async onApplicationBootstrap(): Promise<void> {
    const organizations = await this.dataSource.getRepository(Organization).find();
    for (const org of organizations) await this.ensureSoaRows(this.dataSource.manager, org.id);
  }

  async ensureSoaRows(tx: EntityManager, organizationId: string): Promise<void> {
    const existing = await tx.getRepository(SoaRow).count({ where: { organizationId } });
    if (existing >= annexAControls.length) return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(SoaRow)
      .values(
        annexAControls.map((c) => ({ organizationId, controlId: c.id, title: c.title, family: c.family })),
      )
      .orIgnore()
      .execute();
  }

  async onStep(notice: StepNotice): Promise<void> {
    const completed =
      notice.kind === 'task.completed' ? (notice.payload as CompletedTask | undefined) : undefined;
    if (completed?.formKey && FED_BY[completed.formKey]) {
      await this.taskCompleted(notice, {
        id: completed.taskId,
        organizationId: notice.instance.organizationId,
        instanceId: notice.instance.id,
        stateId: String(notice.event?.stateId ?? ''),
        formKey: completed.formKey,
        data: completed.data,
        completedBy: notice.actorId,
        completedFor: completed.assigneeId ?? null,
      });
    }
    if (notice.kind.startsWith('approval.') && notice.event?.data) await this.approvalEnded(notice);
    await this.followState(notice);
  }

  private async taskCompleted(notice: StepNotice, task: CompletedTaskRow): Promise<void> {
    const data = (task.data ?? {}) as Data;
    const context = contextOf(notice);
    const base = {
      organizationId: task.organizationId,
      sourceTaskId: task.id,
      instanceId: task.instanceId,
    };
    const author = task.completedFor ?? task.completedBy;
    if (task.formKey === 'gap-assessment-item')
      await this.gapAssessed(notice.tx, base, data, context.item, author);
    if (task.formKey === 'soa-entry') await this.soaDecided(notice.tx, base, data, context.item, author);
    if (DOCUMENT_FORMS[task.formKey]) {
      await this.documentDrafted(
        notice.tx,
        { ...base, ownerId: author },
        task.formKey,
        DOCUMENT_FORMS[task.formKey],
        parentOf(task.stateId),
        data,
      );
    }
  }

  private async gapAssessed(
    tx: EntityManager,
    base: RowBase,
    data: Data,
    item: Data | undefined,
    author: string | null,
  ) {
    const itemId = String(item?.id ?? data.requirement);
    const control = findControl(itemId);
    const fields = {
      evidence: Array.isArray(data.evidence) ? data.evidence : [],
      ownerId: str(data.owner) ?? author,
    };
    if (!control) return;
    // The gap analysis drafts the SoA: what is in place today, and what does not apply and why.
    await this.ensureSoaRows(tx, base.organizationId);
    const row = await tx
      .getRepository(SoaRow)
      .findOneByOrFail({ organizationId: base.organizationId, controlId: control.id });
    if (!DRAFT_STAGES.has(row.stage)) return;
    const notApplicable = data.status === 'not-applicable';
    await tx.getRepository(SoaRow).update(
      { id: row.id },
      {
        ...base,
        applicable: !notApplicable,
        justification: notApplicable ? str(data.justification) : (str(data.note) ?? row.justification),
        status: String(data.status),
        stage: 'draft',
        evidence: fields.evidence,
        ownerId: fields.ownerId,
        version: row.version + 1,
      },
    );
  }

  private async soaDecided(
    tx: EntityManager,
    base: RowBase,
    data: Data,
    item: Data | undefined,
    author: string | null,
  ) {
    const controlId = String(data.control ?? item?.id);
    if (!findControl(controlId)) return;
    await this.ensureSoaRows(tx, base.organizationId);
    const row = await tx
      .getRepository(SoaRow)
      .findOneByOrFail({ organizationId: base.organizationId, controlId });
    const applicable = data.applicable === true;
    await tx.getRepository(SoaRow).update(
      { id: row.id },
      {
        ...base,
        applicable,
        justification: str(applicable ? data.inclusionReason : data.exclusionReason),
        status: applicable ? String(data.implementation ?? 'planned') : 'not-applicable',
        stage: 'decided',
        evidence: Array.isArray(data.evidence) ? data.evidence : row.evidence,
        ownerId: str(data.owner) ?? author,
        version: row.version + 1,
      },
    );
  }

  private async documentDrafted(
    tx: EntityManager,
    base: RowBase & { ownerId: string | null },
    docKey: string,
    title: string,
    stateScope: string,
    content: unknown,
  ) {
    const doc = await upsert(
      tx,
      DocumentRow,
      { organizationId: base.organizationId, docKey },
      {
        ...base,
        docKey,
        title,
        stateScope,
        content,
        // Every document drafted in these workflows goes to an approval chain next; the version in
        // force (if any) stays in force until this one is approved.
        approvalState: 'in-approval',
        approvedAt: null,
      },
    );
    await tx.query(
      `INSERT INTO register_document_versions
         (organization_id, document_id, version, title, content, owner_id, instance_id, source_task_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        base.organizationId,
        doc.id,
        doc.version,
        title,
        JSON.stringify(content ?? null),
        base.ownerId,
        base.instanceId,
        base.sourceTaskId,
      ],
    );
  }

  /** An approval chain ended: the documents it signs are approved, or back with their author. */
  private async approvalEnded(notice: StepNotice): Promise<void> {
    const approvalId = (notice.event?.data as Data | undefined)?.approvalId;
    if (typeof approvalId !== 'string') return;
    const approval = await notice.tx.getRepository(Approval).findOneBy({ id: approvalId });
    if (!approval) return;
    const docs = await notice.tx
      .getRepository(DocumentRow)
      .findBy({ organizationId: approval.organizationId, instanceId: approval.instanceId });
    const state: DocumentApprovalState = approval.status === 'approved' ? 'approved' : 'changes-requested';
    for (const doc of docs.filter((d) => d.stateScope && approval.stateId.startsWith(`${d.stateScope}.`))) {
      const reviewMonths = Number((doc.content as Data | null)?.reviewIntervalMonths) || 12;
      const approved = state === 'approved';
      const reviewDate = approved ? addMonths(notice.now, reviewMonths) : doc.reviewDate;
      await notice.tx.getRepository(DocumentRow).update(
        { id: doc.id },
        {
          approvalState: state,
          approvedAt: approved ? notice.now : null,
          reviewDate,
          ...(approved
            ? { inForceVersion: doc.version, inForceApprovedAt: notice.now, inForceReviewDate: reviewDate }
            : {}),
        },
      );
      if (approved)
        await notice.tx.query(
          `UPDATE register_document_versions SET approved_at = $4
            WHERE organization_id = $1 AND document_id = $2 AND version = $3 AND approved_at IS NULL`,
          [doc.organizationId, doc.id, doc.version, notice.now],
        );
      if (doc.docKey === 'soa' && state === 'approved') {
        await notice.tx
          .getRepository(SoaRow)
          .update({ organizationId: doc.organizationId, stage: 'decided' }, { stage: 'approved' });
      }
    }
  }

  /** Register statuses that follow the process state rather than one submission. */
  private async followState(notice: StepNotice): Promise<void> {
    const { instance, result, tx } = notice;
    // The SoA as a whole goes to signing: a new version of the document, with the rows as they stand.
    const signing = `${SOA_SIGNING_SCOPE}.signing`;
    if (
      instance.definitionKey === 'phase-build-implement' &&
      result.activeStateIds.includes(signing) &&
      !JSON.stringify(notice.stateBefore ?? '').includes('"signing"')
    ) {
      const rows = await tx
        .getRepository(SoaRow)
        .find({ where: { organizationId: instance.organizationId } });
      await this.documentDrafted(
        tx,
        {
          organizationId: instance.organizationId,
          instanceId: instance.id,
          sourceTaskId: null,
          ownerId: notice.actorId,
        },
        'soa',
        'Statement of Applicability',
        SOA_SIGNING_SCOPE,
        rows.map((r) => ({
          controlId: r.controlId,
          applicable: r.applicable,
          justification: r.justification,
          status: r.status,
        })),
      );
    }
  }
}

/** What a `task.completed` step's history payload carries. */
interface CompletedTask {
  taskId: string;
  formKey: string;
  data: unknown;
  assigneeId?: string;
}

type CompletedTaskRow = {
  id: string;
  organizationId: string;
  instanceId: string;
  stateId: string;
  formKey: string;
  data: unknown;
  completedBy: string | null;
  completedFor: string | null;
};

interface RowBase {
  organizationId: string;
  sourceTaskId: string | null;
  instanceId: string | null;
}

/** Inserts the row, or updates the one matching `where` and bumps its version; returns its id and version. */
async function upsert<T extends { id: string; version: number }>(
  tx: EntityManager,
  entity: new () => T,
  where: Record<string, unknown>,
  fields: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const repo = tx.getRepository(entity);
  // Locked: two drafts of one document in one moment must not both become version n + 1.
  const existing = (await repo.findOne({
    where: where as never,
    lock: { mode: 'pessimistic_write' },
  })) as T | null;
  if (existing) {
    const version = existing.version + 1;
    await repo.update({ id: existing.id } as never, { ...fields, version } as never);
    return { id: existing.id, version };
  }
  const inserted = await repo.insert({ ...fields, version: 1 } as never);
  return { id: String(inserted.identifiers[0].id), version: 1 };
}

function contextOf(notice: StepNotice): Data {
  return (notice.result.context ?? (notice.instance.snapshot as Data)?.context ?? {}) as Data;
}

function parentOf(stateId: string): string {
  return stateId.split('.').slice(0, -1).join('.');
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function addMonths(date: Date, months: number): string {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next.toISOString().slice(0, 10);
}
