/** `GET /api/programme`: where the organisation's ISO/IEC 42001 programme stands. */
export interface ProgrammeView {
  instanceId: string | null;
  status: 'not-started' | 'active' | 'completed' | 'failed' | 'cancelled';
  startedAt?: string;
  phases: PhaseView[];
}

export interface WaitingTask {
  taskId: string;
  title: string;
  instanceId: string;
  assignee: { id: string; name: string } | null;
  candidateRole: string | null;
  dueAt: string | null;
  overdue: boolean;
}

export interface PhaseView {
  number: number;
  title: string;
  key: string;
  status: 'not-started' | 'active' | 'done';
  instanceId?: string;
  steps: { done: number; total: number };
  overdue: number;
  waitingOn: WaitingTask[];
  waitingCount: number;
  gate: {
    status: 'not-reached' | 'pending' | 'approved' | 'rejected' | 'changes-requested' | 'cancelled';
    approvalId?: string;
  };
}

export const PHASE_STATUS_LABEL: Record<PhaseView['status'], string> = {
  'not-started': 'Not started',
  active: 'In progress',
  done: 'Done',
};

export const GATE_LABEL: Record<PhaseView['gate']['status'], string> = {
  'not-reached': 'Gate not reached yet',
  pending: 'Gate waiting for sign-off',
  approved: 'Gate signed',
  rejected: 'Gate rejected: rework needed',
  'changes-requested': 'Gate: changes requested',
  cancelled: 'Gate cancelled',
};
