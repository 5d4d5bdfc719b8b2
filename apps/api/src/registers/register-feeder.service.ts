import { Injectable, OnModuleInit } from '@nestjs/common';
import { annexAControls } from '@aimsflow/iso42001';
import { EntityManager } from 'typeorm';
import { Approval } from '../approvals/approval.entity';
import { StepListeners, type StepListener, type StepNotice } from '../workflow/step-listeners';
import { DocumentRow, type DocumentApprovalState } from './document.entity';
import { SoaRecords } from './soa-records';

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
const SOA_SIGNING_SCOPE = 'phase-build-implement.statementOfApplicability';

/**
 * Keeps the register that is still code — documented information (7.5), with its versions — in
 * step with the workflows: called after every step, in the step's transaction. Every other register
 * (the SoA included) is declared as data and filled by the RegisterProjector.
 */
@Injectable()
export class RegisterFeeder implements StepListener, OnModuleInit {
  constructor(
    private readonly listeners: StepListeners,
    private readonly soa: SoaRecords,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onStep(notice: StepNotice): Promise<void> {
    const completed =
      notice.kind === 'task.completed' ? (notice.payload as CompletedTask | undefined) : undefined;
    if (completed?.formKey && DOCUMENT_FORMS[completed.formKey]) {
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
    const base = {
      organizationId: task.organizationId,
      sourceTaskId: task.id,
      instanceId: task.instanceId,
    };
    await this.documentDrafted(
      notice.tx,
      { ...base, ownerId: task.completedFor ?? task.completedBy },
      task.formKey,
      DOCUMENT_FORMS[task.formKey],
      parentOf(task.stateId),
      task.data ?? {},
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
      // The SoA's entries themselves are approved by the soa register's own projection.
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
      const byControl = await this.soa.byControl(tx, instance.organizationId);
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
        annexAControls.map(({ id }) => ({
          controlId: id,
          applicable: byControl.get(id)?.applicable ?? null,
          justification: byControl.get(id)?.justification ?? null,
          status: byControl.get(id)?.status ?? 'not-assessed',
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

function parentOf(stateId: string): string {
  return stateId.split('.').slice(0, -1).join('.');
}

function addMonths(date: Date, months: number): string {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next.toISOString().slice(0, 10);
}
