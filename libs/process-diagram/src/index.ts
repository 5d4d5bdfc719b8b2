// The diagram (ELK + React Flow) is only reachable through the lazy wrapper, so importing this
// entry point stays light; everything else here has no heavy dependencies.
export { LazyProcessDiagram } from './LazyProcessDiagram';
export type { ProcessDiagramProps } from './process-diagram.types';
export { HistoryTimeline } from './HistoryTimeline';
export type { HistoryEntry, HistoryOrder, HistoryTimelineProps } from './HistoryTimeline';
export { activeStateIdsFromValue, formatStateValue } from './active-states';
export { describeState } from './describe-state';
export type { PositionedGraph, PositionedNode, LayoutOptions } from './layout-graph';
