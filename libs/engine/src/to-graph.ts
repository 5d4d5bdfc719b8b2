import { createMachine } from 'xstate';
import type { MachineConfig } from './definition.types';

export type GraphNodeKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface GraphNode {
  id: string;
  parentId?: string;
  label: string;
  kind: GraphNodeKind;
  initial?: boolean;
  meta?: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Event name, `after P14D`, `always`, or `done`, with `[guardName]` when guarded. */
  label: string;
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

interface Node {
  id: string;
  key: string;
  type: GraphNodeKind;
  parent?: Node;
  meta?: Record<string, unknown>;
  states: Record<string, Node>;
  transitions: Map<string, Transition[]>;
  always?: Transition[];
  initial?: { target: Node[] };
}
interface Transition {
  target?: Node[];
  guard?: unknown;
}

/**
 * Nodes and edges of a machine config for drawing (layout is the caller's job). Pure and
 * browser-safe; XState resolves the targets, so it throws on a target that does not exist.
 */
export function toGraph(machineConfig: MachineConfig, rootId?: string): WorkflowGraph {
  const config = rootId && machineConfig.id === undefined ? { ...machineConfig, id: rootId } : machineConfig;
  // Only the structure is read, so named actions and guards need no implementations here.
  const root = createMachine(config as never).root as unknown as Node;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];

  const visit = (node: Node) => {
    const initialTargets = node.parent?.initial?.target ?? [];
    nodes.push({
      id: node.id,
      ...(node.parent ? { parentId: node.parent.id } : {}),
      label: node.key,
      kind: node.type,
      ...(initialTargets.includes(node) ? { initial: true } : {}),
      ...(node.meta ? { meta: node.meta } : {}),
    });
    const outgoing: Array<[string, Transition]> = [];
    for (const [eventType, list] of node.transitions)
      list.forEach((t) => outgoing.push([eventLabel(eventType), t]));
    (node.always ?? []).forEach((t) => outgoing.push(['always', t]));
    outgoing.forEach(([eventName, transition]) => {
      for (const target of transition.target ?? []) {
        const guardName = guardLabel(transition.guard);
        edges.push({
          id: `${node.id}->${target.id}#${edges.length}`,
          source: node.id,
          target: target.id,
          label: guardName ? `${eventName} [${guardName}]` : eventName,
        });
      }
    });
    Object.values(node.states).forEach(visit);
  };
  visit(root);
  return { nodes, edges };
}

function eventLabel(eventType: string): string {
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  if (eventType.startsWith('xstate.done.state.')) return 'done';
  return eventType;
}

function guardLabel(guard: unknown): string | undefined {
  if (!guard) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') {
    return (guard as { type: string }).type;
  }
  return 'guard';
}
