import { Injectable, OnModuleInit } from '@nestjs/common';
import { forEachState, getPath } from '@aimsflow/engine';
import { DefinitionChecks } from './definition-checks';
import { StateMetaReader } from './state-meta';
import { StepListeners, type StepListener, type StepNotice } from './step-listeners';
import { Timer } from './timer.entity';

interface WaitUntil {
  date: string;
  event: string;
}

/**
 * `meta.waitUntil: { date: "context.…", event: "X" }` — a durable timer at a calendar date. The
 * engine's `after` delays are fixed durations written in the definition; a date that comes from the
 * instance's data (an audit's planned start) is kept by the server instead: entering the state stores
 * an engine timer due at that date (midnight UTC; a date already past fires at the next poll), leaving
 * it cancels the timer. When it fires, the state receives `{ type: event }` like any timer event. A
 * missing or malformed date schedules nothing (the state's other transitions still apply).
 */
@Injectable()
export class DateTimers implements StepListener, OnModuleInit {
  private readonly states = new StateMetaReader();

  constructor(
    private readonly listeners: StepListeners,
    private readonly checks: DefinitionChecks,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
    this.checks.register(async (_tx, _org, key, machine) => {
      const errors: string[] = [];
      forEachState(machine, key, (state, stateId) => {
        const wait = (state.meta as { waitUntil?: unknown } | undefined)?.waitUntil;
        if (wait === undefined) return;
        const w = wait as Partial<WaitUntil>;
        if (typeof w?.date !== 'string' || !w.date.startsWith('context.') || typeof w.event !== 'string')
          errors.push(`state ${stateId}: meta.waitUntil must be { date: "context.…", event: "EVENT" }`);
        else if (!(w.event in ((state.on ?? {}) as object)))
          errors.push(
            `state ${stateId}: meta.waitUntil.event ${w.event} has no transition in the state's "on"`,
          );
      });
      return errors;
    });
  }

  async onStep(notice: StepNotice): Promise<void> {
    const before = new Set(paths(notice.stateBefore));
    const now = new Set(paths(notice.result.value));
    const entered = [...now].filter((p) => !before.has(p));
    const left = [...before].filter((p) => !now.has(p));
    if (entered.length === 0 && left.length === 0) return;
    const states = await this.states.statesByPath(notice.tx, notice.instance.definitionId);
    const timers = notice.tx.getRepository(Timer);
    for (const path of left) {
      const state = states.get(path);
      if (!state?.meta.waitUntil) continue;
      await timers.update(
        { instanceId: notice.instance.id, timerId: timerId(state.id), status: 'scheduled' },
        { status: 'cancelled' },
      );
    }
    if (notice.result.status !== 'active') return;
    for (const path of entered) {
      const state = states.get(path);
      const wait = state?.meta.waitUntil as WaitUntil | undefined;
      if (!state || !wait) continue;
      const due = dateAt(notice.result.context, wait.date);
      if (!due) continue;
      await timers.insert({
        organizationId: notice.instance.organizationId,
        instanceId: notice.instance.id,
        timerId: timerId(state.id),
        event: { type: wait.event },
        dueAt: due,
      });
    }
  }
}

const timerId = (stateId: string) => `waitUntil.${stateId}`;

function dateAt(context: unknown, path: string): Date | null {
  const value = getPath(context, path.replace(/^context\./, ''));
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)) return null;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Every active state path of a state value, parents included: `{a: 'b'}` → `a`, `a.b`. */
function paths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
    prefix + key,
    ...paths(child, `${prefix}${key}.`),
  ]);
}
