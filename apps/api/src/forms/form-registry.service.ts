import { Injectable } from '@nestjs/common';
import { createSubmissionValidator, type SubmissionValidator } from '@aimsflow/form-schema/server';
import type { EntityManager } from 'typeorm';
import type { FormBinding, FormFieldError } from '../workflow/form-binding';
import { FormVersion } from './form-version.entity';
import { findReferences } from './submission-references';

/** A compiled published version: its schema verdict plus the references its data may hold. */
type CompiledForm = SubmissionValidator & {
  references: (data: unknown) => ReturnType<typeof findReferences>;
};

const CACHE_SIZE = 500;

/**
 * The forms the engine sees: only published versions count. Validators are compiled once per
 * (organisation, key, version) and kept in a bounded LRU: versions never change, so a cached
 * validator never goes stale. Every lookup uses the caller's transaction manager.
 */
@Injectable()
export class FormRegistry implements FormBinding {
  private readonly validators = new Map<string, CompiledForm>();

  async formKeys(tx: EntityManager, organizationId: string): Promise<Set<string>> {
    const rows: { key: string }[] = await tx.query(
      'SELECT key FROM form_definitions WHERE organization_id = $1 AND latest_version IS NOT NULL',
      [organizationId],
    );
    return new Set(rows.map((r) => r.key));
  }

  async publishedVersion(tx: EntityManager, organizationId: string, formKey: string): Promise<number | null> {
    const [row]: { latest_version: number | null }[] = await tx.query(
      'SELECT latest_version FROM form_definitions WHERE organization_id = $1 AND key = $2',
      [organizationId, formKey],
    );
    return row?.latest_version ?? null;
  }

  publishedVersionSql(organizationIdParam: string, formKeyParam: string): string {
    return `(SELECT latest_version FROM form_definitions WHERE organization_id = ${organizationIdParam}::uuid AND key = ${formKeyParam})`;
  }

  /** The JSON Schema of a form's newest published version, or null when it has none. */
  async publishedSchema(tx: EntityManager, organizationId: string, formKey: string): Promise<object | null> {
    const [row]: { schema: object }[] = await tx.query(
      `SELECT v.schema FROM form_definitions d
         JOIN form_versions v ON v.organization_id = d.organization_id AND v.key = d.key AND v.version = d.latest_version
        WHERE d.organization_id = $1 AND d.key = $2`,
      [organizationId, formKey],
    );
    return row?.schema ?? null;
  }

  /** The verdict on `data` against exactly `version` (the latest published one when null). */
  async validate(
    tx: EntityManager,
    organizationId: string,
    formKey: string,
    version: number | null,
    data: unknown,
  ): Promise<FormFieldError[]> {
    const resolved = version ?? (await this.publishedVersion(tx, organizationId, formKey));
    if (resolved === null) return [{ path: '', message: `form ${formKey} is not published` }];
    const validator = await this.validator(tx, organizationId, formKey, resolved);
    if (!validator) return [{ path: '', message: `form ${formKey} v${resolved} does not exist` }];
    const { errors } = validator(data);
    return errors.length > 0 ? errors : this.checkReferences(tx, organizationId, validator.references(data));
  }

  /** Users picked must belong to the organisation, and cited evidence must have been uploaded to it. */
  private async checkReferences(
    tx: EntityManager,
    organizationId: string,
    refs: ReturnType<typeof findReferences>,
  ): Promise<FormFieldError[]> {
    const errors: FormFieldError[] = [];
    if (refs.users.length > 0) {
      const rows: { id: string }[] = await tx.query(
        'SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])',
        [organizationId, refs.users.map((u) => u.id)],
      );
      const known = new Set(rows.map((r) => r.id));
      for (const u of refs.users)
        if (!known.has(u.id)) errors.push({ path: u.path, message: 'is not a user of this organisation' });
    }
    if (refs.evidence.length > 0) {
      const rows: { sha256: string }[] = await tx.query(
        'SELECT sha256 FROM evidence_files WHERE organization_id = $1 AND sha256 = ANY($2::text[])',
        [organizationId, refs.evidence.map((e) => e.sha256)],
      );
      const known = new Set(rows.map((r) => r.sha256));
      for (const e of refs.evidence)
        if (!known.has(e.sha256))
          errors.push({ path: e.path, message: 'this evidence file was never uploaded' });
    }
    return errors;
  }

  /** The compiled validator of a published version, or null when there is no such version. */
  async validator(
    tx: EntityManager,
    organizationId: string,
    formKey: string,
    version: number,
  ): Promise<CompiledForm | null> {
    const cacheKey = `${organizationId}/${formKey}/${version}`;
    const cached = this.validators.get(cacheKey);
    if (cached) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.validators.delete(cacheKey);
      this.validators.set(cacheKey, cached);
      return cached;
    }
    const row = await tx.getRepository(FormVersion).findOne({
      where: { organizationId, key: formKey, version },
      select: { id: true, schema: true, uiSchema: true },
    });
    if (!row) return null;
    const validator: CompiledForm = Object.assign(createSubmissionValidator(row.schema), {
      references: (data: unknown) => findReferences(row.schema, row.uiSchema ?? {}, data),
    });
    this.validators.set(cacheKey, validator);
    if (this.validators.size > CACHE_SIZE) this.validators.delete(this.validators.keys().next().value!);
    return validator;
  }
}
