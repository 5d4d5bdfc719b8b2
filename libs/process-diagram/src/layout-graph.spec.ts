import { layoutGraph } from './layout-graph';
import { reviewGraph } from './test/fixtures';

describe('layoutGraph', () => {
  it('gives every state a box and keeps all edges', async () => {
    const { nodes, edges } = await layoutGraph(reviewGraph);
    expect(nodes.map((n) => n.id).sort()).toEqual(reviewGraph.nodes.map((n) => n.id).sort());
    for (const node of nodes) {
      expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
      expect(node.width).toBeGreaterThan(0);
      expect(node.height).toBeGreaterThan(0);
    }
    expect(edges).toEqual(reviewGraph.edges);
  });

  it('places each child inside its parent, in coordinates relative to the parent', async () => {
    const { nodes } = await layoutGraph(reviewGraph);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const children = nodes.filter((n) => n.parentId);
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      const parent = byId.get(child.parentId!)!;
      expect(child.x).toBeGreaterThanOrEqual(0);
      expect(child.y).toBeGreaterThanOrEqual(0);
      expect(child.x + child.width).toBeLessThanOrEqual(parent.width);
      expect(child.y + child.height).toBeLessThanOrEqual(parent.height);
    }
  });

  it('lists parents before their children, as React Flow requires', async () => {
    const { nodes } = await layoutGraph(reviewGraph);
    const seen = new Set<string>();
    for (const node of nodes) {
      if (node.parentId) expect(seen).toContain(node.parentId);
      seen.add(node.id);
    }
  });

  it('makes a task state tall enough for its form and role lines', async () => {
    const { nodes } = await layoutGraph(reviewGraph);
    const draft = nodes.find((n) => n.id === 'doc.draft')!;
    const approved = nodes.find((n) => n.id === 'doc.approved')!;
    expect(draft.height).toBeGreaterThan(approved.height);
  });

  it('does not overlap sibling states', async () => {
    const { nodes } = await layoutGraph(reviewGraph);
    const siblings = nodes.filter((n) => n.parentId === 'doc');
    for (const a of siblings)
      for (const b of siblings) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
  });
});
