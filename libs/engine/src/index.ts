export * from './definition.types';
export { parseIsoDuration, isIsoDuration } from './iso-duration.util';
export { canonicalJson, definitionHash, sha256Hex } from './definition-hash.util';
export { jcs, toJsonValue } from './jcs';
export { getPath, resolveTemplates } from './context-path.util';
export { shiftIsoDate } from './date-shift.util';
export { AUTHOR_ACTIONS, AUTHOR_GUARDS } from './vocabulary';
export { DEFAULT_EVENTS, forEachState } from './compile-definition';
export {
  validateDefinition,
  compileDefinition,
  referencedKeys,
  DefinitionError,
} from './validate-definition';
export { startInstance, step, isEventAccepted, replay, activeStateIds } from './run-instance';
export { reservedEvents, reservedEventReason, type ReservedEvent } from './reserved-events';
export { offeredActions, type ActionMeta, type OfferedAction } from './offered-actions';
export { planMigration, type MigrationPlan } from './migrate-instance';
export { toGraph, type GraphNode, type GraphEdge, type GraphNodeKind, type WorkflowGraph } from './to-graph';
export {
  createChain,
  decideApproval,
  activateLevel,
  cancelChain,
  mayDecide,
  isLevelCandidate,
  SOD_RULES,
  type ApprovalChain,
  type ChainLevel,
  type ChainLevelStatus,
  type ChainStatus,
  type ChainDecision,
  type ChainEffect,
  type ChainResult,
  type Decider,
  type DecisionInput,
  type DecisionKind,
  type DeciderFacts,
  type LevelFacts,
  type Refusal,
  type RefusalCode,
  type RefusalRule,
} from './approval-chain';
export type {
  RegisterDeclaration,
  RegisterColumn,
  RegisterMatrix,
  ColumnKind,
  RecordSchema,
  Projection,
  ProjectionTrigger,
  Expr,
  StepFacts,
  RecordWrite,
  RecordGuard,
  IfExpr,
} from './register/register.types';
export { projectStep } from './register/projection';
export {
  validateRegister,
  projectionErrors,
  statesOf,
  SYSTEM_FIELDS,
  type RegisterLookups,
} from './register/validate-register';
