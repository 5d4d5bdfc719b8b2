import { Injectable, NotFoundException, OnModuleInit, Optional } from '@nestjs/common';
import { canonicalJson, validateRegister, type RegisterDeclaration } from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';
import { builtInRegisters, builtInWorkflows } from '@aimsflow/workflows';
import Ajv, { type ValidateFunction } from 'ajv';
import type { EntityManager } from 'typeorm';
import { TaskEvents } from '../workflow/task-events.service';

/** A register as one organisation sees it: a built-in declaration, or one its admins declared. */
export type CatalogEntry = RegisterDeclaration & { builtIn: boolean; version: number };

const VALIDATOR_CACHE = 200;
const CACHED_ORGANISATIONS = 10_000;
/** Tells every API process that an organisation's declared registers changed (payload: its id). */
export const REGISTERS_CHANNEL = 'aimsflow_registers';

/**
 * The registers of an organisation: the built-in declarations (`workflows/registers/*.json`),
 * checked once at start against the built-in definitions and forms so a broken file stops the
 * start with its reasons, and the ones its admins declared (`register_declarations`), checked
 * when they were saved. Every lookup reads through the caller's transaction.
 */
@Injectable()
export class RegisterCatalog implements OnModuleInit {
  private readonly builtIn: ReadonlyMap<string, CatalogEntry>;
  /** Each organisation's declared registers, for the projector's lookup on every step. */
  private readonly declaredByOrg = new Map<string, CatalogEntry[]>();
  /** Bumped by every invalidation: a load that started before one is not cached. */
  private generation = 0;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });

  constructor(@Optional() private readonly events?: TaskEvents) {
    const errors = builtInRegisters.flatMap((register) =>
      validateRegister(register, {
        machine: (key) => builtInWorkflows.find((w) => w.key === key)?.machine,
        formSchema: (key) =>
          builtInForms.find((f) => f.key === key)?.schema as Record<string, unknown> | undefined,
      }),
    );
    if (errors.length) throw new Error(`Built-in register declarations are invalid:\n${errors.join('\n')}`);
    this.builtIn = new Map(builtInRegisters.map((r) => [r.key, { ...r, builtIn: true, version: 1 }]));
  }

  onModuleInit(): void {
    this.events?.subscribe(REGISTERS_CHANNEL, {
      onNotice: (organizationId) => this.invalidate(organizationId || undefined),
      onGap: () => this.invalidate(),
    });
  }

  /** Drops the cached declarations of one organisation (of all without one). */
  invalidate(organizationId?: string): void {
    this.generation++;
    if (organizationId) this.declaredByOrg.delete(organizationId);
    else this.declaredByOrg.clear();
  }

  /** Call in the transaction that changed an organisation's declarations; `invalidate` it after commit. */
  async declarationsChanged(tx: EntityManager, organizationId: string): Promise<void> {
    await this.events?.notify(tx, REGISTERS_CHANNEL, organizationId);
  }

  isBuiltIn(key: string): boolean {
    return this.builtIn.has(key);
  }

  async all(tx: EntityManager, organizationId: string): Promise<CatalogEntry[]> {
    return [...this.builtIn.values(), ...(await this.declared(tx, organizationId))];
  }

  async find(tx: EntityManager, organizationId: string, key: string): Promise<CatalogEntry | undefined> {
    return this.builtIn.get(key) ?? (await this.declared(tx, organizationId, { key }))[0];
  }

  async get(tx: EntityManager, organizationId: string, key: string): Promise<CatalogEntry> {
    const register = await this.find(tx, organizationId, key);
    if (!register) throw new NotFoundException({ message: `There is no register ${JSON.stringify(key)}.` });
    return register;
  }

  /**
   * The registers with a projection from this definition. The declared ones come from a cache per
   * organisation (asked on every step), dropped when a declaration is saved, in every API process.
   */
  async fedBy(tx: EntityManager, organizationId: string, definitionKey: string): Promise<CatalogEntry[]> {
    const feeds = (r: CatalogEntry) => r.projections.some((p) => p.definition === definitionKey);
    return [
      ...[...this.builtIn.values()].filter(feeds),
      ...(await this.cachedDeclared(tx, organizationId)).filter(feeds),
    ];
  }

  private async cachedDeclared(tx: EntityManager, organizationId: string): Promise<CatalogEntry[]> {
    const cached = this.declaredByOrg.get(organizationId);
    if (cached) return cached;
    const generation = this.generation;
    const declared = await this.declared(tx, organizationId);
    if (generation === this.generation) {
      this.declaredByOrg.set(organizationId, declared);
      if (this.declaredByOrg.size > CACHED_ORGANISATIONS)
        this.declaredByOrg.delete(this.declaredByOrg.keys().next().value!);
    }
    return declared;
  }

  /** The reasons `data` is not a valid record of the register (empty when it is). */
  recordErrors(register: RegisterDeclaration, data: unknown): string[] {
    // Keyed by the schema itself: a declared register's fields can change between versions.
    const cacheKey = canonicalJson(register.fields);
    let validate = this.validators.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(register.fields);
      this.validators.set(cacheKey, validate);
      if (this.validators.size > VALIDATOR_CACHE)
        this.validators.delete(this.validators.keys().next().value!);
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }

  private async declared(
    tx: EntityManager,
    organizationId: string,
    where: { key?: string; feeds?: string } = {},
  ): Promise<CatalogEntry[]> {
    const params: unknown[] = [organizationId];
    let sql = 'SELECT declaration, version FROM register_declarations WHERE organization_id = $1';
    if (where.key !== undefined) sql += ` AND key = $${params.push(where.key)}`;
    if (where.feeds !== undefined) sql += ` AND $${params.push(where.feeds)} = ANY(feeds)`;
    const rows: Array<{ declaration: RegisterDeclaration; version: number }> = await tx.query(
      `${sql} ORDER BY key`,
      params,
    );
    return rows.map((row) => ({ ...row.declaration, builtIn: false, version: row.version }));
  }
}
