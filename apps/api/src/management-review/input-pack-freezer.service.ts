import { Injectable, OnModuleInit, UnprocessableEntityException } from '@nestjs/common';
import { canonicalJson } from '@aimsflow/engine';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RegisterCatalog } from '../registers/register-catalog';
import { StepListeners, type StepListener, type StepNotice } from '../workflow/step-listeners';
import { compileInputPack, type InputPack } from './input-pack';

export const REVIEW_DEFINITION = 'management-review';
export const REVIEWS_REGISTER = 'management-reviews';

/** SHA-256 (hex) of the pack's canonical JSON (RFC 8785): anyone can recompute it from the stored pack. */
export function packHash(pack: InputPack): string {
  return createHash('sha256').update(canonicalJson(pack)).digest('hex');
}

interface CompletedTask {
  taskId: string;
  formKey: string;
  data: Record<string, unknown> | null;
}

/**
 * A step listener for `management-review`: refuses a preparation whose top management are not
 * top managers, and when the minutes are recorded (the review was held) freezes the input pack as
 * the registers stand in that very step, with its hash, into the review's `management-reviews`
 * record. Frozen once: a later recording (after top management sent the minutes back) keeps it.
 */
@Injectable()
export class InputPackFreezer implements StepListener, OnModuleInit {
  constructor(
    private readonly listeners: StepListeners,
    private readonly catalog: RegisterCatalog,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onStep(notice: StepNotice): Promise<void> {
    if (notice.instance.definitionKey !== REVIEW_DEFINITION || notice.kind !== 'task.completed') return;
    const task = notice.payload as CompletedTask | undefined;
    if (task?.formKey === 'management-review-preparation') await this.checkTopManagement(notice, task);
    if (task?.formKey === 'management-review-minutes') await this.freeze(notice, task.taskId);
  }

  private async checkTopManagement(notice: StepNotice, task: CompletedTask): Promise<void> {
    const named = ((task.data?.topManagement as Array<{ person?: string }> | undefined) ?? [])
      .map((p) => p.person)
      .filter((id): id is string => typeof id === 'string');
    const rows: Array<{ id: string }> = named.length
      ? await notice.tx.query(
          `SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND 'top-management' = ANY(roles)`,
          [notice.instance.organizationId, named],
        )
      : [];
    const found = new Set(rows.map((r) => r.id));
    const wrong = named.filter((id) => !found.has(id));
    if (named.length === 0 || wrong.length)
      throw new UnprocessableEntityException({
        message: named.length
          ? `Top management taking part must hold the top-management role; these people do not: ${wrong.join(', ')}.`
          : 'Name at least one member of top management who takes part in the review.',
      });
  }

  private async freeze(notice: StepNotice, taskId: string): Promise<void> {
    const { tx, instance, now } = notice;
    const org = instance.organizationId;
    const existing = await reviewRecord(tx, org, instance.id, true);
    if (existing?.data.inputPackSha256) return;
    const pack = await compileInputPack(tx, this.catalog, org, instance.id, now);
    const fields = { inputPack: pack, inputPackSha256: packHash(pack), inputPackFrozenAt: now.toISOString() };
    const register = await this.catalog.get(tx, org, REVIEWS_REGISTER);
    const data = { title: 'Management review', ...(existing?.data ?? {}), ...fields };
    const errors = this.catalog.recordErrors(register, data);
    if (errors.length) throw new Error(`management-reviews record would be invalid: ${errors.join('; ')}`);
    const [row]: Array<{ id: string; version: number; data: unknown }> = await tx.query(
      `INSERT INTO register_records AS r
         (organization_id, register_key, record_key, data, updated_by, source_task_id, instance_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $9, $7, $7)
       ON CONFLICT (organization_id, register_key, record_key) DO UPDATE
         SET data = r.data || $8::jsonb, version = r.version + 1, updated_at = EXCLUDED.updated_at,
             updated_by = EXCLUDED.updated_by, source_task_id = EXCLUDED.source_task_id
       RETURNING id, version, data`,
      [
        org,
        REVIEWS_REGISTER,
        instance.id,
        JSON.stringify(data),
        notice.actorId,
        taskId,
        now,
        JSON.stringify(fields),
        instance.id,
      ],
    );
    await tx.query(
      `INSERT INTO register_record_versions
         (organization_id, record_id, version, data, changed_at, changed_by, source_task_id, instance_id)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`,
      [org, row.id, row.version, JSON.stringify(row.data), now, notice.actorId, taskId, instance.id],
    );
  }
}

/** The review's record in `management-reviews` (keyed by the instance id), or null. */
export async function reviewRecord(
  tx: EntityManager,
  organizationId: string,
  reviewId: string,
  lock = false,
): Promise<{ id: string; data: Record<string, any> } | null> {
  const [row]: Array<{ id: string; data: Record<string, any> }> = await tx.query(
    `SELECT id, data FROM register_records
      WHERE organization_id = $1 AND register_key = $2 AND record_key = $3${lock ? ' FOR UPDATE' : ''}`,
    [organizationId, REVIEWS_REGISTER, reviewId],
  );
  return row ?? null;
}
