import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphEdge, GraphNode, WorkflowGraph } from '@aimsflow/engine';
import { describeState } from './describe-state';

/** A graph node with its box; `x`/`y` are relative to its parent (to the canvas for the root). */
export interface PositionedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PositionedGraph {
  /** Parents before their children, as React Flow requires. */
  nodes: PositionedNode[];
  edges: GraphEdge[];
}

export interface LayoutOptions {
  direction?: 'DOWN' | 'RIGHT';
}

const CONTAINER_KINDS = new Set(['compound', 'parallel']);
const LAYOUT_ROOT = '__layout_root__';
let elk: InstanceType<typeof ELK> | undefined;

/** Boxes for every state (containers wrap their children) computed by ELK's layered algorithm. */
export async function layoutGraph(
  graph: WorkflowGraph,
  options: LayoutOptions = {},
): Promise<PositionedGraph> {
  elk ??= new ELK();
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const hasChildren = new Set(graph.nodes.map((node) => node.parentId).filter((id): id is string => !!id));
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: LAYOUT_ROOT,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': options.direction ?? 'DOWN',
      // One layout across nesting levels, so edges between states in different containers are routed.
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '32',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.placement': 'CENTER',
    },
    children: [],
    edges: [],
  };

  for (const node of graph.nodes) {
    const container = CONTAINER_KINDS.has(node.kind) && hasChildren.has(node.id);
    const elkNode: ElkNode = container
      ? {
          id: node.id,
          children: [],
          edges: [],
          layoutOptions: { 'elk.padding': '[top=40,left=16,bottom=16,right=16]' },
        }
      : { id: node.id, ...leafSize(node) };
    elkNodes.set(node.id, elkNode);
    const parent = (node.parentId && elkNodes.get(node.parentId)) || root;
    parent.children!.push(elkNode);
  }

  for (const edge of graph.edges) {
    if (!byId.has(edge.source) || !byId.has(edge.target)) continue;
    const containerId = edgeContainer(byId, edge.source, edge.target);
    const container = (containerId && elkNodes.get(containerId)) || root;
    const elkEdge: ElkExtendedEdge = {
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      labels: [{ text: edge.label, width: edge.label.length * 6.5 + 8, height: 16 }],
    };
    (container.edges ??= []).push(elkEdge);
  }

  const laidOut = await elk.layout(root);
  const nodes: PositionedNode[] = [];
  const collect = (elkNode: ElkNode) => {
    for (const child of elkNode.children ?? []) {
      nodes.push({
        ...byId.get(child.id)!,
        x: child.x ?? 0,
        y: child.y ?? 0,
        width: child.width ?? 0,
        height: child.height ?? 0,
      });
      collect(child);
    }
  };
  collect(laidOut);
  return { nodes, edges: graph.edges.filter((edge) => byId.has(edge.source) && byId.has(edge.target)) };
}

/** Rough text metrics: the diagram is read, not typeset, and ELK needs a size before rendering. */
function leafSize(node: GraphNode): { width: number; height: number } {
  const details = describeState(node);
  const textWidth = Math.max(node.label.length * 8, ...details.map((line) => line.length * 6.5));
  return {
    width: Math.min(Math.max(textWidth + 32, 120), 280),
    height: node.kind === 'history' ? 40 : 40 + details.length * 16,
  };
}

/**
 * ELK wants each edge inside the lowest node holding both ends; that is an end itself when one
 * contains the other, and the parent for a self-loop.
 */
function edgeContainer(byId: Map<string, GraphNode>, source: string, target: string): string | undefined {
  if (source === target) return byId.get(source)?.parentId;
  const sourceLine = new Set<string>();
  for (let id: string | undefined = source; id; id = byId.get(id)?.parentId) sourceLine.add(id);
  for (let id: string | undefined = target; id; id = byId.get(id)?.parentId) {
    if (sourceLine.has(id)) return id;
  }
  return undefined;
}
