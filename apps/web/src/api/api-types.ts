/** Shapes of the JSON the Aimsflow API returns, as the web app relies on them. */

export const ROLES = [
  'admin',
  'aims-manager',
  'contributor',
  'top-management',
  'internal-auditor',
  'external-auditor',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  'aims-manager': 'AIMS manager',
  contributor: 'Contributor',
  'top-management': 'Top management',
  'internal-auditor': 'Internal auditor',
  'external-auditor': 'External auditor',
};

/** A human label for a role, tolerating roles this client does not know yet. */
export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

export interface GroupRef {
  id: string;
  name: string;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  organization: Organization;
  groups: GroupRef[];
  /** Signed in with a temporary password: only changing it is allowed until then. */
  passwordChangeRequired?: boolean;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  roles: string[];
  groups: GroupRef[];
  active: boolean;
  expiresAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface GroupMember {
  id: string;
  name: string;
  email: string;
}

export interface Group {
  id: string;
  name: string;
  description: string | null;
  members: GroupMember[];
}

/** One bad field of a problem: a JSON Pointer into the request body (`/query/<name>` for the query). */
export interface ProblemFieldError {
  pointer: string;
  message: string;
}

/** Every API error body: RFC 9457 problem details (`application/problem+json`). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemFieldError[];
  /** A machine-readable reason some refusals carry, e.g. `password-change-required`. */
  code?: string;
}

// ── Inbox, tasks and notifications ────────────────────────────────────────────

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** An action on a task or approval chain, as `allowedActions` names it. */
export type TaskAction = 'approve' | 'reject' | 'request-changes' | 'claim' | 'unclaim' | 'complete';

/** What the signed-in user may (or may not, and why) do, so the page can say so before the click. */
export interface AllowedAction {
  action: TaskAction | string;
  allowed: boolean;
  /** Why not, when not allowed (for an approval: the segregation-of-duties rule). */
  reason?: string;
}

/** One row of `GET /api/inbox`. */
export interface InboxItem {
  id: string;
  title: string;
  status: TaskStatus;
  formKey: string | null;
  formVersion: number | null;
  instanceId: string;
  definitionKey: string;
  stateId: string;
  assigneeId: string | null;
  assigneeName: string | null;
  candidateRole: string | null;
  candidateGroupId: string | null;
  candidateGroupName: string | null;
  delegateId?: string | null;
  delegateName?: string | null;
  /** The approval chain an approval task decides on. */
  approvalId?: string | null;
  dueAt: string | null;
  priority: number | null;
  createdAt: string;
  completedAt: string | null;
  /** What the signed-in user may do with this task; absent from older servers. */
  allowedActions?: AllowedAction[];
}

export interface InboxCounts {
  mine: number;
  available: number;
  overdue: number;
}

export interface InboxPage extends Page<InboxItem> {
  counts?: InboxCounts;
}

/** A named inbox filter the user saved. `query` is what the client sent (an object, or a query string). */
export interface SavedInboxView {
  id: string;
  name: string;
  query: Record<string, unknown> | string;
}

/** `GET /api/tasks/{id}`. */
export interface Task {
  id: string;
  instanceId: string;
  stateId: string;
  title: string;
  formKey: string | null;
  formVersion: number | null;
  status: TaskStatus;
  assigneeId: string | null;
  assigneeName?: string | null;
  candidateRole: string | null;
  candidateGroupId: string | null;
  candidateGroupName?: string | null;
  priority: number | null;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  data: Record<string, unknown> | null;
  /** What the signed-in user may do with this task, and why not; absent from older servers. */
  allowedActions?: AllowedAction[];
}

export interface TaskComment {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  createdAt: string;
  readAt: string | null;
}

// ── Processes ─────────────────────────────────────────────────────────────────

export type InstanceStatus = 'active' | 'completed' | 'cancelled' | 'failed' | string;

export interface ProcessInstanceSummary {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  state: unknown;
  status: InstanceStatus;
  outcome: string | null;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface ProcessInstanceChild {
  id: string;
  definitionKey: string;
  status: InstanceStatus;
  state: unknown;
  outcome: string | null;
  input?: unknown;
}

export interface ProcessInstanceDetail extends ProcessInstanceSummary {
  context: unknown;
  input: unknown;
  output: unknown;
  openTasks: Task[];
  children: ProcessInstanceChild[];
  /** Hand-sent signals the active states offer (only for people who may send events). */
  actions?: OfferedAction[];
}

/** A signal a person sends to a process by hand, declared on its state (`meta.actions`). */
export interface OfferedAction {
  event: string;
  title: string;
  description?: string;
  confirm?: string;
  unavailableReason?: string;
  stateId: string;
  available: boolean;
}

export interface HistoryItem {
  seq: number | string;
  kind: string;
  eventType: string | null;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
  stateBefore: unknown;
  stateAfter: unknown;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export interface WorkflowDefinitionSummary {
  key: string;
  name: string;
  latestVersion: number;
  versions: number;
  updatedAt: string;
}

export interface WorkflowDefinitionVersion {
  key: string;
  version: number;
  name: string;
  machine: Record<string, unknown>;
  settings: Record<string, unknown> | null;
  graph: import('@aimsflow/engine').WorkflowGraph;
}

export interface ApprovalDecision {
  userId: string;
  userName: string;
  decision: 'approve' | 'reject' | 'request-changes' | string;
  comment: string | null;
  createdAt: string;
  subjectSha256: string | null;
}

export interface ApprovalLevel {
  index: number;
  role?: string | null;
  group?: string | null;
  users?: string[] | null;
  rule: unknown;
  status: string;
  decisions: ApprovalDecision[];
}

export interface Approval {
  id: string;
  status: string;
  currentLevel: number;
  subjectSha256: string | null;
  levels: ApprovalLevel[];
}

// ── Forms ─────────────────────────────────────────────────────────────────────

export interface FormListItem {
  key: string;
  title: string;
  latestVersion: number | null;
  hasDraftChanges: boolean;
  updatedAt: string;
}

/** `GET /api/forms/{key}`: the draft and what is published. */
export interface FormDraftInfo {
  key: string;
  title: string;
  description: string;
  /** Optimistic lock of the draft; send it back as `baseVersion`. */
  lockVersion?: number;
  version?: number;
  latestVersion: number | null;
  latestPublishedAt?: string | null;
  hasDraftChanges: boolean;
  draft: {
    schema: Record<string, unknown>;
    uiSchema: Record<string, unknown>;
    updatedAt?: string;
    updatedBy?: { id: string; name: string } | null;
  };
}

export interface FormVersionInfo {
  version: number;
  title: string;
  changeNote: string;
  publishedBy: { id: string; name: string } | null;
  publishedAt: string;
}

export interface FormVersion {
  key: string;
  version: number;
  title: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  changeNote: string;
  publishedAt: string;
}

export interface FormUsage {
  definitionKey: string;
  version: number;
  stateId: string;
}

/** A list the server may send bare or wrapped in `{items}`. */
export function itemsOf<T>(value: T[] | { items: T[] } | null | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : (value.items ?? []);
}

// ── Approval chains and task actions ──────────────────────────────────────────

export type DecisionKind = 'approve' | 'reject' | 'request-changes';

/** `any` one approver, `all` eligible approvers, or a quorum of them. */
export type ApprovalRuleValue = 'any' | 'all' | { quorum: number };

/** One person's decision at one level, with the SHA-256 of the subject they decided on. */
export interface ChainDecision {
  id: string;
  userId: string;
  userName: string | null;
  decision: DecisionKind;
  comment: string | null;
  subjectSha256: string;
  decidedAt: string;
}

/** One level of a chain: who decides (a role, a group or named users), the rule and its progress. */
export interface ChainLevel {
  /** 1-based. */
  level: number;
  role: string | null;
  group: string | null;
  users: string[] | null;
  rule: ApprovalRuleValue;
  /** Approvals the level needs; fixed when it becomes current. */
  required: number | null;
  approvals: number;
  status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'changes-requested' | 'cancelled';
  decisions: ChainDecision[];
}

/** `GET /api/approvals/{id}` and each item of `GET /api/process-instances/{id}/approvals`. */
export interface ApprovalChainView {
  id: string;
  instanceId: string;
  stateId: string;
  status: 'pending' | 'approved' | 'rejected' | 'changes-requested' | 'cancelled';
  /** 1-based index of the level being decided. */
  currentLevel: number;
  authorId: string | null;
  authorName: string | null;
  subject: unknown;
  subjectSha256: string;
  createdAt: string;
  endedAt: string | null;
  levels: ChainLevel[];
  /** What the signed-in user may decide on this chain now, and why not. */
  allowedActions?: AllowedAction[];
}

/** `GET /api/tasks/{id}` beyond `Task`: the chain an approval task decides on, and the delegate. */
export interface TaskDetail extends Task {
  approvalId?: string | null;
  delegateId?: string | null;
  completedFor?: string | null;
  definitionKey?: string | null;
}

/** Someone a task can be delegated to (`GET /api/inbox/people`). */
export interface Person {
  id: string;
  name: string;
  email: string;
}

// ── Workflow settings ─────────────────────────────────────────────────────────

export interface SettingsApprovalLevel {
  role?: string;
  group?: string;
  users?: string[];
  rule: ApprovalRuleValue;
}

export interface StepSettingsValue {
  /** A published form shown instead of the one the workflow names. */
  form?: string;
  candidateRole?: string;
  candidateGroup?: string;
  dueIn?: string;
  approvalLevels?: SettingsApprovalLevel[];
}

export interface WorkflowSettings {
  steps?: Record<string, StepSettingsValue>;
}

/** A step an admin can configure, with its effective values (the machine with the settings applied). */
export interface ConfigurableStep {
  stateId: string;
  label: string;
  kind: 'task' | 'approval';
  current: StepSettingsValue & { assignee?: string };
}

export interface WorkflowSettingsView {
  key: string;
  name: string;
  version: number;
  steps: ConfigurableStep[];
  settings: WorkflowSettings;
  /** The published forms a task step may show. */
  forms?: Array<{ key: string; title: string }>;
}
