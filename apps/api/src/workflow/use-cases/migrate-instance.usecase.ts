import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { activeStateIds, planMigration } from '@aimsflow/engine';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../identity/auth/principal';
import { ProcessInstance } from '../process-instance.entity';
import { Task } from '../task.entity';
import type { RuntimeParts } from './runtime-parts';

/** Moves a running instance to another version of its definition (admin only), keeping its context. */
export class MigrateInstance {
  constructor(
    private readonly parts: RuntimeParts,
    private readonly dataSource: DataSource,
  ) {}

  async execute(
    organizationId: string,
    actor: Principal | null,
    instanceId: string,
    toVersion: number,
    stateMapping: Record<string, string> = {},
  ): Promise<ProcessInstance> {
    const { work, steps, definitions, tasks } = this.parts;
    return work.run(
      actor?.userId ?? null,
      async (ctx) => {
        const instance = await steps.lock(ctx, organizationId, instanceId);
        if (instance.status !== 'active')
          throw new ConflictException({ message: `The instance is already ${instance.status}.` });
        const target = await definitions.find(ctx.tx, organizationId, instance.definitionKey, toVersion);
        const compiled = definitions.compile(target);
        const source = definitions.compile(await definitions.byId(ctx.tx, instance.definitionId));
        const snapshot = { ...(instance.snapshot as Record<string, unknown>) };
        snapshot.value = mapStateValue(instance.stateValue, stateMapping);
        // The engine plans the move: the work of the states left is cancelled, that of the states entered opened.
        const plan = planMigration(compiled, activeStateIds(source, instance.snapshot), snapshot, source);
        if (!plan.ok) {
          throw new UnprocessableEntityException({
            message: `The instance cannot be migrated to ${JSON.stringify(snapshot.value)} in version ${toVersion}; give another stateMapping.`,
            errors: plan.errors.map((message) => ({ pointer: '', message })),
          });
        }
        // Tasks of states that are no longer active are cancelled (whatever version opened them); the rest carry over.
        const active = new Set(plan.activeStateIds);
        const openTasks = await ctx.tx.getRepository(Task).findBy({ instanceId, status: 'open' });
        const gone = openTasks.filter((t) => !active.has(t.stateId)).map((t) => t.id);
        if (gone.length) await tasks.close(ctx, { ids: gone }, 'cancelled');
        const updated = await ctx.tx.getRepository(ProcessInstance).update(
          { id: instance.id, version: instance.version },
          {
            definitionId: target.id,
            definitionVersion: target.version,
            snapshot: plan.snapshot as object,
            stateValue: plan.value as object,
            version: instance.version + 1,
          },
        );
        if (updated.affected !== 1)
          throw new ConflictException({ message: 'The instance changed concurrently; retry.' });
        const before = { stateValue: instance.stateValue, definitionVersion: instance.definitionVersion };
        Object.assign(instance, {
          definitionId: target.id,
          definitionVersion: target.version,
          snapshot: plan.snapshot,
          stateValue: plan.value,
          version: instance.version + 1,
        });
        ctx.history.push({
          organizationId,
          instanceId,
          kind: 'instance.migrated',
          actorId: ctx.actorId,
          stateBefore: before.stateValue,
          stateAfter: plan.value,
          payload: {
            fromVersion: before.definitionVersion,
            toVersion,
            stateMapping,
            cancelledTasks: gone,
            enteredStates: plan.enteredStateIds,
            leftStates: plan.leftStateIds,
          },
        });
        await steps.effects.apply(ctx, instance, plan.effects);
        await ctx.flush();
        return steps.reload(ctx.tx, instance.id);
      },
      { clock: 'first-statement' },
    );
  }

  /** Migrates every active instance of one definition version (one transaction each); returns how many moved. */
  async all(
    organizationId: string,
    actor: Principal,
    key: string,
    fromVersion: number,
    toVersion: number,
    stateMapping: Record<string, string> = {},
  ): Promise<{ migrated: number }> {
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM process_instances WHERE organization_id = $1 AND definition_key = $2 AND definition_version = $3 AND status = 'active'`,
      [organizationId, key, fromVersion],
    );
    for (const { id } of ids) await this.execute(organizationId, actor, id, toVersion, stateMapping);
    return { migrated: ids.length };
  }
}

/** Applies `{ "old.path": "new.path" }` to a state value (string or nested object). */
export function mapStateValue(value: unknown, mapping: Record<string, string>): unknown {
  const paths = toPaths(value).map((p) => mapping[p] ?? p);
  return fromPaths(paths);
}

function toPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    toPaths(v, prefix ? `${prefix}.${k}` : k),
  );
}

function fromPaths(paths: string[]): unknown {
  if (paths.length === 1 && !paths[0].includes('.')) return paths[0];
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split('.');
    let node = root;
    parts.slice(0, -2).forEach((p) => (node = (node[p] ??= {}) as Record<string, unknown>));
    if (parts.length === 1) root[parts[0]] = {};
    else node[parts[parts.length - 2]] = parts[parts.length - 1];
  }
  return root;
}
