import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, type Page } from '../platform/pagination/cursor';
import { inTransaction } from '../workflow/transaction';
import { FormDefinition } from './form-definition.entity';
import { FormChecks } from './form-checks';
import { FormRegistry } from './form-registry.service';
import { FormVersion } from './form-version.entity';
import { findForm, insertDraft, publishIn, saveDraft } from './form-writes';
import { assertValidDefinition, type FormContent } from './form-content';
import type { CreateFormDto, ImportFormDto, ListFormsQuery, UpdateDraftDto } from './forms.dto';

export { assertValidDefinition, formContentHash, type FormContent } from './form-content';

export interface FormListItem {
  key: string;
  title: string;
  latestVersion: number | null;
  hasDraftChanges: boolean;
  updatedAt: Date;
}

export interface FormExport {
  formatVersion: 1;
  key: string;
  title: string;
  description: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** Drafts, publishing and read models of the forms of an organisation. */
@Injectable()
export class FormsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: FormRegistry,
    private readonly checks: FormChecks,
  ) {}

  async list(organizationId: string, query: ListFormsQuery): Promise<Page<FormListItem>> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [organizationId];
    const where = ['f.organization_id = $1'];
    if (query.search?.trim()) {
      params.push(`%${query.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(f.key ILIKE $${params.length} OR f.title ILIKE $${params.length})`);
    }
    if (query.cursor) {
      const [after] = decodeCursor(query.cursor, ['text']);
      params.push(String(after));
      where.push(`f.key > $${params.length}`);
    }
    params.push(limit + 1);
    const rows: {
      key: string;
      title: string;
      latest_version: number | null;
      changed: boolean;
      updated_at: Date;
    }[] = await this.dataSource.query(
      `SELECT f.key, f.title, f.latest_version,
                (v.content_hash IS DISTINCT FROM f.draft_hash) AS changed,
                GREATEST(f.draft_updated_at, v.published_at) AS updated_at
           FROM form_definitions f
           LEFT JOIN form_versions v
             ON v.organization_id = f.organization_id AND v.key = f.key AND v.version = f.latest_version
          WHERE ${where.join(' AND ')}
          ORDER BY f.key
          LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        key: r.key,
        title: r.title,
        latestVersion: r.latest_version,
        hasDraftChanges: r.changed,
        updatedAt: r.updated_at,
      })),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].key]) : null,
    };
  }

  async create(organizationId: string, actorId: string | null, dto: CreateFormDto) {
    const content = toContent(dto);
    assertValidDefinition(content);
    await this.dataSource.transaction((tx) => insertDraft(tx, organizationId, actorId, content));
    return this.get(organizationId, dto.key);
  }

  /** The draft with what is published: the editor's view. */
  async get(organizationId: string, key: string) {
    const form = await findForm(this.dataSource.manager, organizationId, key);
    const [latest] = form.latestVersion
      ? await this.dataSource.query(
          'SELECT content_hash, published_at FROM form_versions WHERE organization_id = $1 AND key = $2 AND version = $3',
          [organizationId, key, form.latestVersion],
        )
      : [];
    const updatedBy = form.draftUpdatedBy ? await this.userRef(form.draftUpdatedBy) : null;
    return {
      key: form.key,
      title: form.title,
      description: form.description,
      lockVersion: form.version,
      latestVersion: form.latestVersion,
      latestPublishedAt: latest?.published_at ?? null,
      hasDraftChanges: latest?.content_hash !== form.draftHash,
      draft: {
        schema: form.draftSchema,
        uiSchema: form.draftUiSchema,
        updatedAt: form.draftUpdatedAt,
        updatedBy,
      },
      createdAt: form.createdAt,
    };
  }

  /** Saves the draft; with `baseVersion`, only if nobody saved since the client loaded it (else 409). */
  async updateDraft(organizationId: string, actorId: string, key: string, dto: UpdateDraftDto) {
    await inTransaction(this.dataSource, async (tx) => {
      const form = await findForm(tx, organizationId, key, true);
      if (dto.baseVersion !== undefined && dto.baseVersion !== form.version) {
        throw new ConflictException({
          message: `The draft was changed by someone else (version ${form.version}, you edited ${dto.baseVersion}); reload and try again.`,
        });
      }
      const content: FormContent = {
        key,
        title: dto.title ?? form.title,
        description: dto.description ?? form.description,
        schema: dto.schema,
        uiSchema: dto.uiSchema,
      };
      assertValidDefinition(content);
      await saveDraft(tx, form, actorId, content);
    });
    return this.get(organizationId, key);
  }

  /** Publishes the draft as version N+1; an unchanged draft is a no-op answering the current version. */
  async publish(
    organizationId: string,
    actorId: string | null,
    key: string,
    changeNote: string,
  ): Promise<{ key: string; version: number; created: boolean }> {
    return inTransaction(this.dataSource, (tx) =>
      publishIn(tx, this.checks, organizationId, actorId, key, changeNote),
    );
  }

  async versions(organizationId: string, key: string) {
    const form = await findForm(this.dataSource.manager, organizationId, key);
    const rows: {
      version: number;
      title: string;
      change_note: string;
      published_at: Date;
      user_id: string | null;
      user_name: string | null;
    }[] = await this.dataSource.query(
      `SELECT v.version, v.title, v.change_note, v.published_at, u.id AS user_id, u.name AS user_name
           FROM form_versions v LEFT JOIN users u ON u.id = v.published_by
          WHERE v.organization_id = $1 AND v.key = $2
          ORDER BY v.version DESC`,
      [organizationId, form.key],
    );
    return {
      items: rows.map((r) => ({
        version: r.version,
        title: r.title,
        changeNote: r.change_note,
        publishedBy: r.user_id ? { id: r.user_id, name: r.user_name } : null,
        publishedAt: r.published_at,
      })),
    };
  }

  async version(organizationId: string, key: string, version: number) {
    const v = await this.findVersion(organizationId, key, version);
    return {
      key: v.key,
      version: v.version,
      title: v.title,
      schema: v.schema,
      uiSchema: v.uiSchema,
      changeNote: v.changeNote,
      publishedAt: v.publishedAt,
    };
  }

  /** The verdict on a submission, exactly as task completion would give it. */
  async validateSubmission(organizationId: string, key: string, version: number, data: unknown) {
    const manager = this.dataSource.manager;
    if (!(await this.registry.validator(manager, organizationId, key, version))) {
      throw new NotFoundException({ message: `Form ${key} v${version} not found.` });
    }
    const errors = await this.registry.validate(manager, organizationId, key, version, data);
    return { valid: errors.length === 0, errors };
  }

  /** The states of deployed workflow definitions whose task uses this form. */
  async usage(organizationId: string, key: string) {
    await findForm(this.dataSource.manager, organizationId, key);
    const rows: { key: string; version: number; machine: Record<string, unknown> }[] =
      await this.dataSource.query(
        `SELECT key, version, machine FROM workflow_definitions
        WHERE organization_id = $1
          AND jsonb_path_exists(machine, '$.**.task.form ? (@ == $f)', jsonb_build_object('f', $2::text))
        ORDER BY key, version`,
        [organizationId, key],
      );
    return {
      items: rows.flatMap((r) =>
        statesUsingForm(r.machine, r.key, key).map((stateId) => ({
          definitionKey: r.key,
          version: r.version,
          stateId,
        })),
      ),
    };
  }

  async export(organizationId: string, key: string, version?: number): Promise<FormExport> {
    const form = await findForm(this.dataSource.manager, organizationId, key);
    if (version === undefined) {
      return {
        formatVersion: 1,
        key,
        title: form.title,
        description: form.description,
        schema: form.draftSchema,
        uiSchema: form.draftUiSchema,
      };
    }
    const v = await this.findVersion(organizationId, key, version);
    return {
      formatVersion: 1,
      key,
      title: v.title,
      description: form.description,
      schema: v.schema,
      uiSchema: v.uiSchema,
    };
  }

  /** Creates the form from an export, or replaces the draft of the existing one (never publishes). */
  async import(organizationId: string, actorId: string, dto: ImportFormDto) {
    const content = toContent(dto);
    assertValidDefinition(content);
    const created = await inTransaction(this.dataSource, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`form/${organizationId}/${dto.key}`]);
      const form = await tx.getRepository(FormDefinition).findOne({
        where: { organizationId, key: dto.key },
        lock: { mode: 'pessimistic_write' },
      });
      if (form) {
        await saveDraft(tx, form, actorId, content);
        return false;
      }
      await insertDraft(tx, organizationId, actorId, content);
      return true;
    });
    return { created, form: await this.get(organizationId, dto.key) };
  }

  /**
   * Creates and publishes (as version 1, "Built-in form") each given form the organisation lacks.
   * Existing forms are left alone, customised or not. Idempotent and safe to run concurrently.
   */
  async ensureForms(organizationId: string, forms: FormContent[]): Promise<string[]> {
    return inTransaction(this.dataSource, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`forms-built-in/${organizationId}`]);
      const existing = new Set(
        (
          await tx.getRepository(FormDefinition).find({ where: { organizationId }, select: { key: true } })
        ).map((f) => f.key),
      );
      const created: string[] = [];
      for (const content of forms) {
        if (existing.has(content.key)) continue;
        assertValidDefinition(content);
        await insertDraft(tx, organizationId, null, content);
        await publishIn(tx, this.checks, organizationId, null, content.key, 'Built-in form');
        created.push(content.key);
      }
      return created;
    });
  }

  private async findVersion(organizationId: string, key: string, version: number): Promise<FormVersion> {
    const v = await this.dataSource.getRepository(FormVersion).findOneBy({ organizationId, key, version });
    if (!v) throw new NotFoundException({ message: `Form ${key} v${version} not found.` });
    return v;
  }

  private async userRef(id: string): Promise<{ id: string; name: string } | null> {
    const [user] = await this.dataSource.query('SELECT id, name FROM users WHERE id = $1', [id]);
    return user ?? null;
  }
}

function toContent(dto: CreateFormDto): FormContent {
  return {
    key: dto.key,
    title: dto.title,
    description: dto.description ?? '',
    schema: dto.schema,
    uiSchema: dto.uiSchema,
  };
}

/** Ids of the states (as the engine names them: an explicit `id`, else the machine id and key path) whose task uses `formKey`. */
export function statesUsingForm(
  machine: Record<string, unknown>,
  definitionKey: string,
  formKey: string,
): string[] {
  const rootId = typeof machine.id === 'string' ? machine.id : definitionKey;
  const found: string[] = [];
  const walk = (state: Record<string, unknown>, path: string[]) => {
    const task = (state.meta as { task?: { form?: unknown } } | undefined)?.task;
    if (task?.form === formKey) {
      found.push(path.length && typeof state.id === 'string' ? state.id : [rootId, ...path].join('.'));
    }
    const children = state.states;
    if (children && typeof children === 'object') {
      for (const [childKey, child] of Object.entries(children as Record<string, unknown>)) {
        if (child && typeof child === 'object') walk(child as Record<string, unknown>, [...path, childKey]);
      }
    }
  };
  walk(machine, []);
  return found;
}
