import { NotFoundException } from '@nestjs/common';
import { compileDefinition, type CompiledDefinition } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import { applySettings } from './definition-settings';
import { WorkflowDefinition } from './workflow-definition.entity';

const ROWS = 2000;
const MACHINES = 500;

/** A small least-recently-used map: a read moves the entry to the back, the front is dropped first. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}

/**
 * Stored definition versions and their compiled machines. Versions never change once deployed, so
 * rows are cached by id; compiled machines are cached by content hash, so every organisation
 * running the same built-in version shares one compiled machine.
 */
export class DefinitionCache {
  private readonly rows = new Lru<string, WorkflowDefinition>(ROWS);
  private readonly compiled = new Lru<string, CompiledDefinition>(MACHINES);

  async byId(tx: EntityManager, id: string): Promise<WorkflowDefinition> {
    let definition = this.rows.get(id);
    if (!definition) {
      definition = await tx.getRepository(WorkflowDefinition).findOneByOrFail({ id });
      this.rows.set(id, definition);
    }
    return definition;
  }

  /** The compiled machine of a stored definition version. */
  compile(definition: WorkflowDefinition): CompiledDefinition {
    // The hash covers key, name, machine and settings: all a compiled machine depends on.
    const cacheKey = definition.contentHash || definition.id;
    let compiled = this.compiled.get(cacheKey);
    if (!compiled) {
      // The organisation's settings (assignments, due dates, approval levels) are part of the version.
      compiled = compileDefinition({
        key: definition.key,
        name: definition.name,
        machine: applySettings(definition.machine, definition.settings, definition.key),
      });
      this.compiled.set(cacheKey, compiled);
    }
    return compiled;
  }

  /** The newest version of a definition (or the given one); 404 when there is none. */
  async find(
    tx: EntityManager,
    organizationId: string,
    key: string,
    version?: number,
  ): Promise<WorkflowDefinition> {
    const definition = await tx.getRepository(WorkflowDefinition).findOne({
      where: { organizationId, key, ...(version ? { version } : {}) },
      order: { version: 'DESC' },
    });
    if (!definition) {
      throw new NotFoundException({
        message: `Workflow definition ${key}${version ? ` v${version}` : ''} not found.`,
      });
    }
    this.rows.set(definition.id, definition);
    return definition;
  }
}
