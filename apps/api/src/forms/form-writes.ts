import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FormDefinition } from './form-definition.entity';
import type { FormChecks } from './form-checks';
import { FormVersion } from './form-version.entity';
import { assertValidDefinition, formContentHash, type FormContent } from './form-content';

/*
 * The form feature's writes, each inside the caller's transaction: a new draft, a draft saved over
 * (version-checked), and a publish (content-hash dedup, re-validation, the checks of features that
 * read the form's submissions). FormsService and the built-in bootstrap share them.
 */

export async function insertDraft(
  tx: EntityManager,
  organizationId: string,
  actorId: string | null,
  content: FormContent,
) {
  const [{ now }] = await tx.query('SELECT now() AS now');
  const inserted: unknown[] = await tx.query(
    `INSERT INTO form_definitions
       (organization_id, key, title, description, draft_schema, draft_ui_schema, draft_hash, draft_updated_at, draft_updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (organization_id, key) DO NOTHING RETURNING id`,
    [
      organizationId,
      content.key,
      content.title,
      content.description ?? '',
      JSON.stringify(content.schema),
      JSON.stringify(content.uiSchema),
      formContentHash(content),
      now,
      actorId,
    ],
  );
  if (inserted.length === 0)
    throw new ConflictException({ message: `A form with key ${content.key} already exists.` });
}

export async function saveDraft(
  tx: EntityManager,
  form: FormDefinition,
  actorId: string | null,
  content: FormContent,
) {
  const [{ now }] = await tx.query('SELECT now() AS now');
  const result = await tx.getRepository(FormDefinition).update(
    { id: form.id, version: form.version },
    {
      title: content.title,
      description: content.description ?? form.description,
      draftSchema: content.schema as object,
      draftUiSchema: content.uiSchema as object,
      draftHash: formContentHash(content),
      draftUpdatedAt: new Date(now),
      draftUpdatedBy: actorId,
      version: form.version + 1,
    },
  );
  if (result.affected !== 1)
    throw new ConflictException({ message: 'The draft changed concurrently; reload and try again.' });
}

export async function publishIn(
  tx: EntityManager,
  checks: FormChecks,
  organizationId: string,
  actorId: string | null,
  key: string,
  changeNote: string,
) {
  const form = await findForm(tx, organizationId, key, true);
  if (form.latestVersion !== null) {
    const latest = await tx.getRepository(FormVersion).findOne({
      where: { organizationId, key, version: form.latestVersion },
      select: { id: true, contentHash: true },
    });
    if (latest?.contentHash === form.draftHash) return { key, version: form.latestVersion, created: false };
  }
  // The stored draft was checked when saved; check again, since the library's rules may have tightened since.
  assertValidDefinition({ key, title: form.title, schema: form.draftSchema, uiSchema: form.draftUiSchema });
  // Features that read this form's submissions (register projections) may refuse a field's removal.
  const broken = await checks.run(tx, organizationId, key, form.draftSchema as Record<string, unknown>);
  if (broken.length)
    throw new UnprocessableEntityException({
      message: `Form ${key} cannot be published: ${broken.join('; ')}`,
      errors: broken.map((message) => ({ pointer: '/schema', message })),
    });
  const version = (form.latestVersion ?? 0) + 1;
  await tx.getRepository(FormVersion).insert({
    organizationId,
    formId: form.id,
    key,
    version,
    title: form.title,
    schema: form.draftSchema,
    uiSchema: form.draftUiSchema,
    changeNote,
    contentHash: form.draftHash,
    publishedBy: actorId,
  } as never);
  await tx.getRepository(FormDefinition).update({ id: form.id }, { latestVersion: version });
  return { key, version, created: true };
}

export async function findForm(
  tx: EntityManager,
  organizationId: string,
  key: string,
  lock = false,
): Promise<FormDefinition> {
  const form = await tx.getRepository(FormDefinition).findOne({
    where: { organizationId, key },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!form) throw new NotFoundException({ message: `Form ${key} not found.` });
  return form;
}
