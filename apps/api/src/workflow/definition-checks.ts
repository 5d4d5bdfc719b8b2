import { Injectable } from '@nestjs/common';
import type { MachineConfig } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';

/** A check features outside the engine add to every deploy, e.g. "the states my projections name exist". */
export interface DefinitionCheck {
  /** Reasons the machine about to be deployed under `key` would break this feature; empty when fine. */
  check(tx: EntityManager, organizationId: string, key: string, machine: MachineConfig): Promise<string[]>;
}

/**
 * Where such checks register (in their own `onModuleInit`), so the workflow feature need not know
 * the features that depend on it: dependencies point one way, towards the engine.
 */
@Injectable()
export class DefinitionChecks {
  private readonly checks: DefinitionCheck[] = [];

  register(check: DefinitionCheck): void {
    if (!this.checks.includes(check)) this.checks.push(check);
  }

  async run(
    tx: EntityManager,
    organizationId: string,
    key: string,
    machine: MachineConfig,
  ): Promise<string[]> {
    const errors: string[] = [];
    for (const check of this.checks) errors.push(...(await check.check(tx, organizationId, key, machine)));
    return errors;
  }
}
