import type { WorkflowGraph } from '@aimsflow/engine';

interface ProcessDiagramBaseProps {
  /**
   * `graph` of `GET /api/workflow-definitions/{key}/versions/{version}` (the engine's `toGraph`).
   * Layout reruns when this object changes, so keep it stable (memoize it if you build it).
   */
  graph: WorkflowGraph;
  /** Called with a state id when the user picks a state (click, or Enter/Space on a focused state). */
  onSelectState?: (stateId: string) => void;
  /** CSS height of the canvas; default 480px. */
  height?: number | string;
}

/** Either the ids of the active states, or the instance's XState state value to derive them from. */
export type ProcessDiagramProps = ProcessDiagramBaseProps &
  ({ activeStateIds?: string[]; stateValue?: never } | { stateValue?: unknown; activeStateIds?: never });
