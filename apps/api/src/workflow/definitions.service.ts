import {
  Inject,
  Injectable,
  NotFoundException,
  Optional,
  UnprocessableEntityException,
} from '@nestjs/common';
import { definitionHash, toGraph, validateDefinition, type WorkflowDefinitionInput } from '@aimsflow/engine';
import { DataSource, EntityManager } from 'typeorm';
import { FORM_BINDING, UnboundForms, type FormBinding } from './form-binding';
import { inTransaction } from './transaction';
import { WorkflowDefinition } from './workflow-definition.entity';

export interface DeployRequest extends WorkflowDefinitionInput {
  settings?: Record<string, unknown>;
}

/** Deploys definitions as immutable versions, after the engine has checked them. */
@Injectable()
export class DefinitionsService {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(FORM_BINDING) private readonly forms: FormBinding = new UnboundForms(),
  ) {}

  /** Same content again is a no-op returning the existing version; changed content makes version N+1. */
  async deploy(
    organizationId: string,
    actorId: string | null,
    request: DeployRequest,
    alsoKnownKeys: string[] = [],
  ): Promise<{ key: string; version: number; created: boolean }> {
    return inTransaction(this.dataSource, async (tx) => {
      // Serialise deploys of one key so two deployers cannot both take version N+1.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${organizationId}/${request.key}`]);
      const contentHash = definitionHash({
        key: request.key,
        name: request.name,
        machine: request.machine,
        settings: request.settings ?? {},
      });
      const same = await tx
        .getRepository(WorkflowDefinition)
        .findOneBy({ organizationId, key: request.key, contentHash });
      if (same) return { key: same.key, version: same.version, created: false };

      const errors = await this.check(tx, organizationId, request, alsoKnownKeys);
      if (errors.length) {
        throw new UnprocessableEntityException({
          error: 'Unprocessable Entity',
          message: `The definition ${request.key} is not valid: ${errors.join('; ')}`,
          details: errors,
        });
      }
      const [{ max }] = await tx.query(
        'SELECT COALESCE(MAX(version), 0) AS max FROM workflow_definitions WHERE organization_id = $1 AND key = $2',
        [organizationId, request.key],
      );
      const version = Number(max) + 1;
      await tx.getRepository(WorkflowDefinition).insert({
        organizationId,
        key: request.key,
        version,
        name: request.name,
        contentHash,
        machine: request.machine,
        settings: request.settings ?? {},
        deployedBy: actorId,
      } as never);
      return { key: request.key, version, created: true };
    });
  }

  async list(organizationId: string) {
    const rows: { key: string; name: string; latest_version: number; versions: number; updated_at: Date }[] =
      await this.dataSource.query(
        `SELECT DISTINCT ON (key) key, name, version AS latest_version,
                COUNT(*) OVER (PARTITION BY key)::int AS versions, created_at AS updated_at
           FROM workflow_definitions WHERE organization_id = $1 ORDER BY key, version DESC`,
        [organizationId],
      );
    return {
      items: rows.map((r) => ({
        key: r.key,
        name: r.name,
        latestVersion: r.latest_version,
        versions: r.versions,
        updatedAt: r.updated_at,
      })),
    };
  }

  async get(organizationId: string, key: string, version: number) {
    const d = await this.dataSource
      .getRepository(WorkflowDefinition)
      .findOneBy({ organizationId, key, version });
    if (!d) throw new NotFoundException({ message: `Workflow definition ${key} v${version} not found.` });
    return {
      key: d.key,
      version: d.version,
      name: d.name,
      contentHash: d.contentHash,
      machine: d.machine,
      settings: d.settings,
      deployedAt: d.createdAt,
      graph: toGraph(d.machine),
    };
  }

  private async check(
    tx: EntityManager,
    organizationId: string,
    request: DeployRequest,
    alsoKnownKeys: string[],
  ): Promise<string[]> {
    const formKeys = await this.forms.formKeys(tx, organizationId);
    const deployed: { key: string }[] = await tx.query(
      'SELECT DISTINCT key FROM workflow_definitions WHERE organization_id = $1',
      [organizationId],
    );
    const definitionKeys = new Set([...deployed.map((d) => d.key), request.key, ...alsoKnownKeys]);
    const result = validateDefinition(
      { key: request.key, name: request.name, machine: request.machine },
      {
        formExists: formKeys ? (k) => formKeys.has(k) : undefined,
        definitionExists: (k) => definitionKeys.has(k),
      },
    );
    return result.ok ? [] : result.errors;
  }
}
