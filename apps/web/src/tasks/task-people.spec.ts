import type { TaskDetail } from '../api/api-types';
import { delegationText, fromDateTimeLocal, holderText, toDateTimeLocal } from './task-people';

const base: TaskDetail = {
  id: 't1',
  instanceId: 'i1',
  stateId: 'drafting',
  title: 'Draft',
  formKey: 'generic-task',
  formVersion: 1,
  status: 'open',
  assigneeId: 'u1',
  candidateRole: null,
  candidateGroupId: null,
  priority: null,
  dueAt: null,
  createdAt: '2025-01-01T00:00:00Z',
  completedAt: null,
  completedBy: null,
  data: null,
};
const names = new Map([
  ['u1', 'Omar Owner'],
  ['u2', 'Pia Process-Owner'],
]);

describe('task people', () => {
  it('says who delegated to whom, with "you" for the reader', () => {
    expect(delegationText(base, 'u9', names)).toBeNull();
    expect(delegationText({ ...base, delegateId: 'u2' }, 'u9', names)).toBe(
      'Delegated to Pia Process-Owner by Omar Owner',
    );
    expect(delegationText({ ...base, delegateId: 'u2' }, 'u2', names)).toBe('Delegated to you by Omar Owner');
    expect(delegationText({ ...base, delegateId: 'u2' }, 'u1', names)).toBe(
      'Delegated to Pia Process-Owner by you',
    );
  });

  it('names the holder, or whom the task is offered to', () => {
    expect(holderText(base, 'u1', names)).toBe('You');
    expect(holderText(base, 'u2', names)).toBe('Omar Owner');
    expect(holderText({ ...base, assigneeId: null, candidateRole: 'aims-manager' }, 'u2', names)).toBe(
      'Nobody yet — offered to AIMS manager',
    );
  });

  it('round-trips a due date through a datetime-local input', () => {
    const iso = new Date(2025, 5, 30, 17, 45).toISOString();
    expect(toDateTimeLocal(iso)).toBe('2025-06-30T17:45');
    expect(fromDateTimeLocal('2025-06-30T17:45')).toBe(iso);
    expect(fromDateTimeLocal('')).toBeNull();
    expect(toDateTimeLocal(null)).toBe('');
  });
});
