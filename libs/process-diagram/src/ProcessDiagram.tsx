import '@xyflow/react/dist/style.css';
import './process-diagram.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import type { GraphNode } from '@aimsflow/engine';
import { activeStateIdsFromValue } from './active-states';
import { describeState } from './describe-state';
import { layoutGraph, type PositionedGraph } from './layout-graph';
import type { ProcessDiagramProps } from './process-diagram.types';

type StateNodeData = { state: GraphNode; details: string[]; active: boolean; container: boolean };
type StateFlowNode = Node<StateNodeData, 'state'>;

const nodeTypes = { state: StateNode };

/** The workflow as a state diagram (ELK layout, React Flow canvas) with the current states marked. */
export default function ProcessDiagram(props: ProcessDiagramProps) {
  const { graph, onSelectState, height = 480 } = props;
  const [layout, setLayout] = useState<{ for: typeof graph; result?: PositionedGraph; error?: string }>();

  useEffect(() => {
    let current = true;
    layoutGraph(graph).then(
      (result) => current && setLayout({ for: graph, result }),
      (error: unknown) => current && setLayout({ for: graph, error: String(error) }),
    );
    return () => {
      current = false;
    };
  }, [graph]);

  const active = useMemo(
    () => new Set(props.activeStateIds ?? activeStateIdsFromValue(graph, props.stateValue)),
    [graph, props.activeStateIds, props.stateValue],
  );

  const [selectedId, setSelectedId] = useState<string>();
  const flow = useMemo(
    () => (layout?.result ? toFlow(layout.result, active, selectedId) : undefined),
    [layout, active, selectedId],
  );

  // Nodes are controlled, so React Flow only proposes a selection (click, or Enter/Space on a
  // focused node); take it from the proposed changes.
  const handleNodesChange = useCallback(
    (changes: NodeChange<StateFlowNode>[]) => {
      const picked = changes.find((change) => change.type === 'select' && change.selected);
      if (picked && picked.type === 'select') {
        setSelectedId(picked.id);
        onSelectState?.(picked.id);
      }
    },
    [onSelectState],
  );

  const currentLabels = graph.nodes
    .filter((node) => active.has(node.id) && !graph.nodes.some((child) => child.parentId === node.id))
    .map((node) => node.label);

  return (
    <figure className="pd-diagram" style={{ height }}>
      {layout?.error ? (
        <p role="alert">The diagram could not be laid out: {layout.error}</p>
      ) : !flow || layout?.for !== graph ? (
        <p role="status">Laying out diagram…</p>
      ) : (
        <ReactFlow
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          fitView
          minZoom={0.2}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          elementsSelectable={!!onSelectState}
          onNodesChange={onSelectState ? handleNodesChange : undefined}
        >
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
      {currentLabels.length ? (
        <figcaption className="pd-caption">Current state: {currentLabels.join(', ')}</figcaption>
      ) : null}
    </figure>
  );
}

function toFlow(
  layout: PositionedGraph,
  active: Set<string>,
  selectedId: string | undefined,
): { nodes: StateFlowNode[]; edges: Edge[] } {
  const containers = new Set(layout.nodes.map((node) => node.parentId));
  const nodes = layout.nodes.map(({ x, y, width, height, ...state }): StateFlowNode => {
    const isActive = active.has(state.id);
    return {
      id: state.id,
      type: 'state',
      position: { x, y },
      width,
      height,
      selected: state.id === selectedId,
      ...(state.parentId ? { parentId: state.parentId, extent: 'parent' as const } : {}),
      ariaLabel: `${state.label}, ${state.kind} state${isActive ? ', current' : ''}`,
      data: { state, details: describeState(state), active: isActive, container: containers.has(state.id) },
    };
  });
  const edges = layout.edges.map((edge): Edge => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: edge.label,
    markerEnd: { type: MarkerType.ArrowClosed },
    className: active.has(edge.source) ? 'pd-edge-from-active' : undefined,
  }));
  return { nodes, edges };
}

function StateNode({ data }: NodeProps<StateFlowNode>) {
  const { state, details, active, container } = data;
  const className = [
    'pd-state',
    `pd-kind-${state.kind}`,
    container ? 'pd-container' : '',
    active ? 'pd-active' : '',
  ].join(' ');
  return (
    <div className={className}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="pd-title">
        {state.initial ? <span className="pd-initial" title="Initial state" aria-hidden="true" /> : null}
        {state.kind === 'history' ? 'H' : state.label}
        {active && !container ? <span className="pd-badge">current</span> : null}
      </div>
      {details.map((line, index) => (
        <div key={index} className="pd-detail">
          {line}
        </div>
      ))}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}
