import type { WorkflowGraph } from '@aimsflow/engine';

/**
 * Ids of the graph nodes an XState state value makes active, ancestors included (root excluded),
 * in document order. Walks the graph by state key rather than building ids, since a state may
 * carry its own `id`. Keys the graph does not know are ignored (an instance on an older version).
 */
export function activeStateIdsFromValue(graph: WorkflowGraph, stateValue: unknown): string[] {
  const root = graph.nodes.find((node) => node.parentId === undefined);
  if (!root || stateValue === null || stateValue === undefined) return [];
  const childByKey = new Map<string, string>();
  for (const node of graph.nodes) {
    if (node.parentId !== undefined) childByKey.set(`${node.parentId}\u0000${node.label}`, node.id);
  }
  const active: string[] = [];
  const walk = (parentId: string, value: unknown) => {
    if (typeof value === 'string') {
      const id = childByKey.get(`${parentId}\u0000${value}`);
      if (id) active.push(id);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, childValue] of Object.entries(value)) {
      const id = childByKey.get(`${parentId}\u0000${key}`);
      if (!id) continue;
      active.push(id);
      walk(id, childValue);
    }
  };
  walk(root.id, stateValue);
  return active;
}

/** An XState state value as one line: `review.legal.open`, or `review.{legal.open, tech}`. */
export function formatStateValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  const parts = Object.entries(value).map(([key, child]) => {
    const rest =
      child !== null && typeof child === 'object' && Object.keys(child).length === 0
        ? ''
        : formatStateValue(child);
    return rest ? `${key}.${rest}` : key;
  });
  return parts.length === 1 ? parts[0] : `{${parts.join(', ')}}`;
}
