/** States only entered after a rejection; they are rework, not steps of the plan. */
const REWORK_STATES = new Set(['rework', 'revising']);

type StateConfig = { id?: string; meta?: Record<string, unknown>; states?: Record<string, StateConfig> };

/**
 * The steps of a phase definition: the ids of its states that open a task, ask for an approval or
 * start child processes (rework states left out), as XState names them (`machine.path.to.state`).
 */
export function phaseSteps(machine: StateConfig & { id?: string }, key: string): string[] {
  const steps: string[] = [];
  const walk = (state: StateConfig, path: string[]) => {
    for (const [name, child] of Object.entries(state.states ?? {})) {
      const childPath = [...path, name];
      const meta = child.meta ?? {};
      if (!REWORK_STATES.has(name) && (meta.task || meta.approval || meta.subprocess)) {
        steps.push(child.id ?? [machine.id ?? key, ...childPath].join('.'));
      }
      walk(child, childPath);
    }
  };
  walk(machine, []);
  return steps;
}
