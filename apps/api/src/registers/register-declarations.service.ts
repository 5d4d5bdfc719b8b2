import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  canonicalJson,
  sha256Hex,
  validateRegister,
  type MachineConfig,
  type RegisterDeclaration,
} from '@aimsflow/engine';
import Ajv from 'ajv';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit/audit-trail.service';
import { FormRegistry } from '../forms/form-registry.service';
import { applySettings } from '../workflow/definition-settings';
import { inTransaction } from '../workflow/transaction';
import { RegisterCatalog } from './register-catalog';

const TOP_LEVEL = new Set([
  'key',
  'title',
  'clause',
  'description',
  'fields',
  'columns',
  'filters',
  'search',
  'status',
  'sort',
  'matrices',
  'projections',
]);
const MAX_BYTES = 64 * 1024;
const MAX_ITEMS = 50;

/**
 * Registers an admin declares in the app: validated exactly like the built-in files (against the
 * organisation's newest definition versions, with their settings, and its published forms), then
 * kept as versioned data and recorded in the audit trail. Built-in registers cannot be replaced.
 */
@Injectable()
export class RegisterDeclarations {
  private readonly ajv = new Ajv({ strict: false });

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: RegisterCatalog,
    private readonly forms: FormRegistry,
    private readonly audit: AuditTrailService,
  ) {}

  async save(
    organizationId: string,
    actorId: string | null,
    input: unknown,
    mode: { create: true } | { replace: string },
  ): Promise<{ key: string; version: number; created: boolean }> {
    const declaration = this.shape(input);
    if ('replace' in mode && declaration.key !== mode.replace)
      throw new UnprocessableEntityException({ message: `The declaration's key must stay ${mode.replace}.` });
    if (this.catalog.isBuiltIn(declaration.key))
      throw new ConflictException({
        message: `${declaration.key} is a built-in register; choose another key.`,
      });
    const saved = await inTransaction(this.dataSource, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `register/${organizationId}/${declaration.key}`,
      ]);
      const errors = validateRegister(declaration, await this.lookups(tx, organizationId, declaration));
      if (errors.length)
        throw new UnprocessableEntityException({
          message: `The register ${declaration.key} is not valid: ${errors.join('; ')}`,
          errors: errors.map((message) => ({ pointer: '', message })),
        });
      const [existing]: Array<{ version: number; declaration: unknown }> = await tx.query(
        'SELECT version, declaration FROM register_declarations WHERE organization_id = $1 AND key = $2',
        [organizationId, declaration.key],
      );
      if ('create' in mode && existing)
        throw new ConflictException({ message: `A register ${declaration.key} exists already.` });
      if ('replace' in mode && !existing)
        throw new NotFoundException({ message: `There is no register ${declaration.key}.` });
      if (existing && canonicalJson(existing.declaration) === canonicalJson(declaration))
        return { key: declaration.key, version: existing.version, created: false };
      const version = (existing?.version ?? 0) + 1;
      const feeds = [...new Set(declaration.projections.map((p) => p.definition))];
      await tx.query(
        `INSERT INTO register_declarations (organization_id, key, declaration, feeds, version, created_by)
         VALUES ($1, $2, $3::jsonb, $4::text[], $5, $6)
         ON CONFLICT (organization_id, key) DO UPDATE
           SET declaration = EXCLUDED.declaration, feeds = EXCLUDED.feeds, version = EXCLUDED.version, updated_at = now()`,
        [organizationId, declaration.key, JSON.stringify(declaration), feeds, version, actorId],
      );
      await this.catalog.declarationsChanged(tx, organizationId);
      await this.audit.append(tx, [
        {
          organizationId,
          kind: 'register.declared',
          actorId,
          payload: { key: declaration.key, version, feeds, sha256: sha256Hex(canonicalJson(declaration)) },
        },
      ]);
      return { key: declaration.key, version, created: true };
    });
    // After commit: a step that loads the declarations from now on sees this one.
    this.catalog.invalidate(organizationId);
    return saved;
  }

  /** The admin's view: the whole declaration, projections included. */
  async declaration(organizationId: string, key: string) {
    const register = await this.catalog.get(this.dataSource.manager, organizationId, key);
    return register;
  }

  /** What can be said about the shape before the declaration is checked against definitions and forms. */
  private shape(input: unknown): RegisterDeclaration {
    const reasons: string[] = [];
    if (!input || typeof input !== 'object' || Array.isArray(input))
      throw new UnprocessableEntityException({ message: 'declaration must be an object' });
    const d = input as Record<string, unknown>;
    if (Buffer.byteLength(JSON.stringify(d)) > MAX_BYTES)
      reasons.push(`the declaration is over ${MAX_BYTES / 1024} KB`);
    for (const key of Object.keys(d))
      if (!TOP_LEVEL.has(key)) reasons.push(`"${key}" is not part of a register declaration`);
    for (const list of ['columns', 'projections', 'filters', 'search'] as const)
      if (d[list] !== undefined && (!Array.isArray(d[list]) || (d[list] as unknown[]).length > MAX_ITEMS))
        reasons.push(`${list} must be a list of at most ${MAX_ITEMS}`);
    if (!Array.isArray(d.projections)) reasons.push('projections must be a list (it may be empty)');
    if (d.fields && typeof d.fields === 'object') {
      try {
        this.ajv.compile(d.fields as object);
      } catch (error) {
        reasons.push(`fields is not a valid JSON Schema: ${(error as Error).message}`);
      }
    }
    if (reasons.length)
      throw new UnprocessableEntityException({
        message: `The register declaration is not valid: ${reasons.join('; ')}`,
        errors: reasons.map((message) => ({ pointer: '', message })),
      });
    return d as unknown as RegisterDeclaration;
  }

  /** The definitions (newest versions, settings applied: what new instances run) and forms the declaration names. */
  private async lookups(tx: EntityManager, organizationId: string, declaration: RegisterDeclaration) {
    const definitionKeys = [...new Set(declaration.projections.map((p) => p.definition))];
    const rows: Array<{ key: string; machine: MachineConfig; settings: Record<string, unknown> }> =
      definitionKeys.length
        ? await tx.query(
            `SELECT DISTINCT ON (key) key, machine, settings FROM workflow_definitions
            WHERE organization_id = $1 AND key = ANY($2::text[]) ORDER BY key, version DESC`,
            [organizationId, definitionKeys],
          )
        : [];
    const machines = new Map(rows.map((r) => [r.key, applySettings(r.machine, r.settings, r.key)]));
    const formKeys = [
      ...new Set(
        declaration.projections.flatMap((p) =>
          p.when && 'taskCompleted' in p.when ? [p.when.taskCompleted.form] : [],
        ),
      ),
    ];
    const schemas = new Map<string, Record<string, unknown>>();
    for (const key of formKeys) {
      const schema = await this.forms.publishedSchema(tx, organizationId, key);
      if (schema) schemas.set(key, schema as Record<string, unknown>);
    }
    return { machine: (key: string) => machines.get(key), formSchema: (key: string) => schemas.get(key) };
  }
}
