import { Injectable, OnModuleInit } from '@nestjs/common';
import { forEachState } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import { DefinitionChecks } from './definition-checks';
import { StepListeners, type StepListener, type StepNotice } from './step-listeners';

/** Computes a task's first draft from server data: `(tx, organisation, instance context) → form data`. */
export type PrefillProvider = (
  tx: EntityManager,
  organizationId: string,
  context: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/**
 * `meta.task.prefill: "<name>"` — when the task opens, the server fills its draft (`tasks.data` of the
 * open task, which the web app shows as the form's starting values) with what the named provider
 * computes from the organisation's data, e.g. the audit checklist from the catalogue and the SoA.
 * This is how a process gets server data into a task without an engine action: the instance context
 * keeps only what the person then submits. Features register providers in their `onModuleInit`; a
 * deploy naming an unknown provider is refused.
 */
@Injectable()
export class TaskPrefills implements StepListener, OnModuleInit {
  private readonly providers = new Map<string, PrefillProvider>();

  constructor(
    private readonly listeners: StepListeners,
    private readonly checks: DefinitionChecks,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
    this.checks.register(async (_tx, _org, key, machine) => {
      const errors: string[] = [];
      forEachState(machine, key, (state, stateId) => {
        const prefill = ((state.meta as { task?: { prefill?: unknown } } | undefined)?.task ?? {}).prefill;
        if (prefill === undefined) return;
        if (typeof prefill !== 'string' || !this.providers.has(prefill))
          errors.push(
            `state ${stateId}: meta.task.prefill ${JSON.stringify(prefill)} is not a known provider (known: ${[...this.providers.keys()].join(', ') || 'none'})`,
          );
      });
      return errors;
    });
  }

  provide(name: string, provider: PrefillProvider): void {
    this.providers.set(name, provider);
  }

  async onStep(notice: StepNotice): Promise<void> {
    for (const effect of notice.result.effects) {
      if (effect.type !== 'openTask') continue;
      const name = (effect as { prefill?: unknown }).prefill;
      const provider = typeof name === 'string' ? this.providers.get(name) : undefined;
      if (!provider) continue;
      const context = (notice.result.context ?? {}) as Record<string, unknown>;
      const data = await provider(notice.tx, notice.instance.organizationId, context);
      await notice.tx.query(
        `UPDATE tasks SET data = $1::jsonb
          WHERE instance_id = $2 AND state_id = $3 AND status = 'open' AND data IS NULL`,
        [JSON.stringify(data), notice.instance.id, effect.stateId],
      );
    }
  }
}
