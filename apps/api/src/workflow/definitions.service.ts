import {
  Inject,
  Injectable,
  NotFoundException,
  Optional,
  UnprocessableEntityException,
} from '@nestjs/common';
import { NOTIFICATION_TEMPLATES } from '../notifications/templates';
import { definitionHash, toGraph, validateDefinition, type WorkflowDefinitionInput } from '@aimsflow/engine';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { AuditTrailService } from '../audit/audit-trail.service';
import { ROLES } from '../identity/roles';
import {
  applySettings,
  listConfigurableSteps,
  normalizeSettings,
  validateSettings,
} from './definition-settings';
import { DefinitionChecks } from './definition-checks';
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
    private readonly audit: AuditTrailService,
    private readonly checks: DefinitionChecks,
    @Optional() @Inject(FORM_BINDING) private readonly forms: FormBinding = new UnboundForms(),
  ) {}

  /**
   * The latest version's content again is a no-op returning that version; any other content makes
   * version N+1, also that of an older version (a rollback), which then becomes current. A new
   * version is recorded in the organisation's audit trail (`definition.deployed`).
   */
  deploy(
    organizationId: string,
    actorId: string | null,
    request: DeployRequest,
    alsoKnownKeys: string[] = [],
  ): Promise<{ key: string; version: number; created: boolean }> {
    return this.publish(organizationId, actorId, request, alsoKnownKeys, 'definition.deployed');
  }

  private async publish(
    organizationId: string,
    actorId: string | null,
    request: DeployRequest,
    alsoKnownKeys: string[],
    kind: 'definition.deployed' | 'definition.settings-changed',
  ): Promise<{ key: string; version: number; created: boolean }> {
    const settings = normalizeSettings(request.settings ?? {});
    return inTransaction(this.dataSource, async (tx) => {
      // Serialise deploys of one key so two deployers cannot both take version N+1.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${organizationId}/${request.key}`]);
      const contentHash = definitionHash({
        key: request.key,
        name: request.name,
        machine: request.machine,
        settings,
      });
      const latest = await this.latest(tx, organizationId, request.key);
      if (latest?.contentHash === contentHash) {
        return { key: latest.key, version: latest.version, created: false };
      }

      const errors = await this.check(tx, organizationId, { ...request, settings }, alsoKnownKeys);
      if (errors.length) {
        throw new UnprocessableEntityException({
          message: `The definition ${request.key} is not valid: ${errors.join('; ')}`,
          errors: errors.map((message) => ({ pointer: '', message })),
        });
      }
      const version = (latest?.version ?? 0) + 1;
      await tx.getRepository(WorkflowDefinition).insert({
        organizationId,
        key: request.key,
        version,
        name: request.name,
        contentHash,
        machine: request.machine,
        settings,
        deployedBy: actorId,
      } as never);
      // A rollback names the version whose content it restores.
      const restored = await tx.getRepository(WorkflowDefinition).findOne({
        select: { version: true },
        where: { organizationId, key: request.key, contentHash, version: LessThan(version) },
        order: { version: 'DESC' },
      });
      const common = {
        key: request.key,
        version,
        previousVersion: latest?.version ?? null,
        contentHash,
        ...(restored ? { restoresVersion: restored.version } : {}),
      };
      await this.audit.append(tx, [
        {
          organizationId,
          kind,
          actorId,
          payload:
            kind === 'definition.settings-changed'
              ? { ...common, before: latest?.settings ?? {}, after: settings }
              : { ...common, name: request.name, settings },
        },
      ]);
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
      // The effective machine, so a diagram shows the assignments the organisation chose.
      graph: toGraph(applySettings(d.machine, d.settings, d.key), d.key),
    };
  }

  /** The latest version's configurable steps with their effective values, and its raw settings. */
  async getSettings(organizationId: string, key: string) {
    const latest = await this.latest(this.dataSource.manager, organizationId, key);
    if (!latest) throw new NotFoundException({ message: `Workflow definition ${key} not found.` });
    return {
      key: latest.key,
      name: latest.name,
      version: latest.version,
      steps: listConfigurableSteps(applySettings(latest.machine, latest.settings, latest.key), latest.key),
      settings: latest.settings,
      // The forms a task step may show: every published one (the settings form offers them).
      forms: await this.publishedForms(organizationId),
    };
  }

  /**
   * Publishes the latest machine with new settings as the next version (unchanged settings are a
   * no-op), recorded as `definition.settings-changed`. Running instances keep their version; new
   * ones start on this one.
   */
  async updateSettings(
    organizationId: string,
    actorId: string | null,
    key: string,
    settings: Record<string, unknown>,
  ): Promise<{ key: string; version: number; created: boolean }> {
    const latest = await this.latest(this.dataSource.manager, organizationId, key);
    if (!latest) throw new NotFoundException({ message: `Workflow definition ${key} not found.` });
    const request = { key, name: latest.name, machine: latest.machine, settings };
    // An older version's settings again are published as the next version, like any change.
    return this.publish(organizationId, actorId, request, [], 'definition.settings-changed');
  }

  private async publishedForms(organizationId: string): Promise<Array<{ key: string; title: string }>> {
    return this.dataSource.query(
      `SELECT d.key, v.title FROM form_definitions d
         JOIN form_versions v ON v.organization_id = d.organization_id AND v.key = d.key AND v.version = d.latest_version
        WHERE d.organization_id = $1 ORDER BY v.title`,
      [organizationId],
    );
  }

  /** The newest version of a key in an organisation, or null. */
  latest(tx: EntityManager, organizationId: string, key: string): Promise<WorkflowDefinition | null> {
    return tx.getRepository(WorkflowDefinition).findOne({
      where: { organizationId, key },
      order: { version: 'DESC' },
    });
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
    const groups: { id: string; name: string }[] = await tx.query(
      'SELECT id, name FROM groups WHERE organization_id = $1',
      [organizationId],
    );
    const groupRefs = new Set(groups.flatMap((g) => [g.id, g.name]));
    const hasMachine = !!request.machine && typeof request.machine === 'object';
    const settingsErrors = hasMachine
      ? validateSettings(request.machine, request.key, request.settings, {
          roles: ROLES,
          groupExists: (ref) => groupRefs.has(ref),
        })
      : [];
    // What runs is the machine with the settings merged in, so that is what must be valid.
    const machine =
      hasMachine && !settingsErrors.length
        ? applySettings(request.machine, request.settings, request.key)
        : request.machine;
    const result = validateDefinition(
      { key: request.key, name: request.name, machine },
      {
        formExists: formKeys ? (k) => formKeys.has(k) : undefined,
        definitionExists: (k) => definitionKeys.has(k),
        templateExists: (t) => Object.hasOwn(NOTIFICATION_TEMPLATES, t),
      },
    );
    if (!result.ok) return [...settingsErrors, ...result.errors];
    return [...settingsErrors, ...(await this.checks.run(tx, organizationId, request.key, machine))];
  }
}
