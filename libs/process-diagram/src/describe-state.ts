import type { ApprovalLevel, ApprovalMeta, GraphNode, SubprocessMeta, TaskMeta } from '@aimsflow/engine';

/** Short lines describing what a state does (task form and role, approval levels, child process). */
export function describeState(node: GraphNode): string[] {
  const meta = node.meta ?? {};
  const lines: string[] = [];
  const task = meta['task'] as Partial<TaskMeta> | undefined;
  if (task && typeof task === 'object') {
    if (task.form) lines.push(`form: ${task.form}`);
    const who = task.candidateRole ?? task.candidateGroup ?? task.assignee;
    if (who)
      lines.push(`${task.candidateRole ? 'role' : task.candidateGroup ? 'group' : 'assignee'}: ${who}`);
  }
  const approval = meta['approval'] as Partial<ApprovalMeta> | undefined;
  if (approval && Array.isArray(approval.levels)) {
    approval.levels.forEach((level, index) => lines.push(`approval ${index + 1}: ${describeLevel(level)}`));
  }
  const subprocess = meta['subprocess'] as Partial<SubprocessMeta> | undefined;
  if (subprocess?.definitionKey) {
    lines.push(`subprocess: ${subprocess.definitionKey}${subprocess.forEach ? ' (each)' : ''}`);
  }
  return lines;
}

function describeLevel(level: ApprovalLevel): string {
  const who = level.role ?? level.group ?? (level.users?.length ? `${level.users.length} user(s)` : 'anyone');
  const rule = typeof level.rule === 'object' ? `quorum ${level.rule.quorum}` : level.rule;
  return `${who} · ${rule}`;
}
