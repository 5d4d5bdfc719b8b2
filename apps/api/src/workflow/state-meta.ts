import { forEachState, getPath, type MachineConfig } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';

/**
 * What server-side step options (`meta.task.prefill`, `meta.task.independence`, `meta.waitUntil`)
 * need from a deployed definition: the `meta` of a state by its id. Definition versions never change
 * once deployed, so each machine is read once per version.
 */
export class StateMetaReader {
  private readonly byDefinition = new Map<string, { key: string; metas: Map<string, StateMeta> }>();

  async metaOf(tx: EntityManager, definitionId: string, stateId: string): Promise<StateMeta | undefined> {
    return (await this.definition(tx, definitionId)).metas.get(stateId);
  }

  /** Every state of the definition with its meta, by state path relative to the root (`a.b`). */
  async statesByPath(
    tx: EntityManager,
    definitionId: string,
  ): Promise<Map<string, { id: string; meta: StateMeta }>> {
    const { metas } = await this.definition(tx, definitionId);
    const byPath = new Map<string, { id: string; meta: StateMeta }>();
    for (const [id, meta] of metas) if (meta.path) byPath.set(meta.path, { id, meta });
    return byPath;
  }

  private async definition(tx: EntityManager, definitionId: string) {
    let cached = this.byDefinition.get(definitionId);
    if (!cached) {
      const [row]: Array<{ key: string; machine: MachineConfig }> = await tx.query(
        'SELECT key, machine FROM workflow_definitions WHERE id = $1',
        [definitionId],
      );
      cached = { key: row?.key ?? '', metas: row ? statesWithMeta(row.machine, row.key) : new Map() };
      this.byDefinition.set(definitionId, cached);
    }
    return cached;
  }
}

export type StateMeta = Record<string, unknown> & { path: string; on?: Record<string, unknown> };

/** The meta of every state, keyed by state id, with the state's relative path and its `on` block. */
export function statesWithMeta(machine: MachineConfig, key: string): Map<string, StateMeta> {
  const metas = new Map<string, StateMeta>();
  forEachState(machine, key, (state, stateId, path) => {
    metas.set(stateId, {
      ...((state.meta ?? {}) as Record<string, unknown>),
      path: path.join('.'),
      on: (state.on ?? {}) as Record<string, unknown>,
    });
  });
  return metas;
}

/** The strings found at a `context.…` path: a value, a list, or lists of objects (e.g. `[{ person }]`). */
export function stringsAt(context: unknown, path: string): string[] {
  const value = getPath(context, path.replace(/^context\./, ''));
  const found: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string' && v.trim()) found.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return found;
}

/** Whether every entry is a `context.…` path. */
export function isContextPathList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((p) => typeof p === 'string' && p.startsWith('context.'));
}
