import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { SessionUser, TaskDetail } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi, type Handler } from '../test-support/fake-api';
import { TaskDraftStatus } from './TaskDraftStatus';
import type { TaskApi } from './task-api';
import { LEAVE_QUESTION, useTaskDraft, type TaskDraftState } from './useTaskDraft';

const me: SessionUser = {
  id: 'u-owner',
  email: 'owner@acme.example',
  name: 'Omar Owner',
  roles: ['contributor'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};

const task: TaskDetail = {
  id: 't3',
  instanceId: 'i1',
  stateId: 'writing',
  title: 'Write the scope',
  formKey: 'note-form',
  formVersion: 1,
  status: 'open',
  assigneeId: 'u-owner',
  candidateRole: 'contributor',
  candidateGroupId: null,
  priority: null,
  dueAt: null,
  createdAt: '2025-01-01T00:00:00Z',
  completedAt: null,
  completedBy: null,
  data: null,
  approvalId: null,
};

const savedAt = '2026-12-04T14:02:00Z';
const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function server(routes: Record<string, Handler>, detail: TaskDetail = task) {
  const sent: unknown[] = [];
  const fake = fakeApi({
    'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
    'GET /api/tasks/t3': () => ({ status: 200, body: detail }),
    'GET /api/process-instances/i1/approvals': () => ({ status: 200, body: { items: [] } }),
    'GET /api/inbox/people': () => ({ status: 200, body: { items: [] } }),
    'GET /api/forms/note-form/versions/1': () => ({
      status: 200,
      body: {
        key: 'note-form',
        version: 1,
        title: 'Note',
        schema: { type: 'object', properties: { note: { type: 'string', title: 'Note' } } },
        uiSchema: {},
        changeNote: '',
        publishedAt: '2025-01-01T00:00:00Z',
      },
    }),
    'PUT /api/tasks/t3/draft': (init) => {
      sent.push(JSON.parse(String(init.body)));
      return { status: 200, body: { ...JSON.parse(String(init.body)), updatedAt: savedAt } };
    },
    ...routes,
  });
  return { ...fake, sent };
}

const noDraft: Handler = () => ({
  status: 404,
  body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'You have no draft of this task.' },
});

beforeEach(() => window.history.replaceState(null, '', '/tasks/t3'));
jest.setTimeout(20_000);

const noteField = () => screen.findByRole('textbox', { name: 'Note' }, { timeout: 10_000 });

describe('task form drafts', () => {
  it('saves once typing pauses, with the last value, and says when', async () => {
    const { api, sent, calls } = server({ 'GET /api/tasks/t3/draft': noDraft });
    render(<App api={api} />);
    const note = await noteField();
    await waitFor(() => expect(calls).toContain('GET /api/tasks/t3/draft'));
    fireEvent.change(note, { target: { value: 'Open' } });
    fireEvent.change(note, { target: { value: 'Open questions' } });
    await act(() => new Promise((r) => setTimeout(r, 400)));
    expect(sent).toEqual([]); // still typing
    await waitFor(() =>
      expect(screen.getByTestId('draft-status')).toHaveTextContent(`Draft saved ${clock(savedAt)}`),
    );
    expect(sent).toEqual([{ data: { note: 'Open questions' } }]);
  });

  it('does not save a form nobody typed in', async () => {
    const { api, sent, calls } = server({ 'GET /api/tasks/t3/draft': noDraft });
    render(<App api={api} />);
    await noteField();
    await waitFor(() => expect(calls).toContain('GET /api/tasks/t3/draft'));
    await act(() => new Promise((r) => setTimeout(r, 1500)));
    expect(sent).toEqual([]);
    expect(screen.getByTestId('draft-status')).toHaveTextContent('');
  });

  it('restores the draft with a notice, and discards it on request', async () => {
    const { api, calls } = server({
      'GET /api/tasks/t3/draft': () => ({
        status: 200,
        body: { data: { note: 'Typed before the reload' }, updatedAt: savedAt },
      }),
      'DELETE /api/tasks/t3/draft': () => ({ status: 204 }),
    });
    render(<App api={api} />);
    const notice = await screen.findByTestId('draft-restored', {}, { timeout: 10_000 });
    expect(notice).toHaveTextContent('Restored your draft from');
    const note = await noteField();
    await waitFor(() => expect(note).toHaveValue('Typed before the reload'), { timeout: 3000 });

    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    await waitFor(() => expect(screen.getByTestId('draft-status')).toHaveTextContent('Draft discarded.'));
    expect(calls).toContain('DELETE /api/tasks/t3/draft');
    expect(screen.queryByTestId('draft-restored')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue(''), {
      timeout: 3000,
    });
    expect(screen.getByTestId('draft-status')).toHaveFocus();
  });

  it("says why a draft was not saved, in the server's words", async () => {
    const { api } = server({
      'GET /api/tasks/t3/draft': noDraft,
      'PUT /api/tasks/t3/draft': () => ({
        status: 413,
        body: {
          type: 'about:blank',
          title: 'Payload Too Large',
          status: 413,
          detail: 'The draft is 300 KB; a draft may be at most 256 KB.',
        },
      }),
    });
    render(<App api={api} />);
    const note = await noteField();
    await act(() => new Promise((r) => setTimeout(r, 50)));
    fireEvent.change(note, { target: { value: 'A very long text' } });
    await waitFor(
      () =>
        expect(screen.getByTestId('draft-status')).toHaveTextContent(
          'Draft not saved: The draft is 300 KB; a draft may be at most 256 KB.',
        ),
      { timeout: 3000 },
    );
  });

  it('warns before leaving with unsaved changes (reload and in-app link)', async () => {
    const { api } = server({ 'GET /api/tasks/t3/draft': noDraft });
    render(<App api={api} />);
    const note = await noteField();
    await act(() => new Promise((r) => setTimeout(r, 50)));
    fireEvent.change(note, { target: { value: 'Not saved yet' } });

    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);

    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    fireEvent.click(screen.getByRole('link', { name: '← Back to the inbox' }));
    expect(confirm).toHaveBeenCalledWith(LEAVE_QUESTION);
    expect(window.location.pathname).toBe('/tasks/t3');

    // Once saved, leaving asks nothing.
    await waitFor(() => expect(screen.getByTestId('draft-status')).toHaveTextContent('Draft saved'), {
      timeout: 3000,
    });
    const later = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
    confirm.mockRestore();
  });

  it('keeps no draft for someone who does not hold the task', async () => {
    const { api, calls } = server({}, { ...task, assigneeId: 'u-someone-else' });
    render(<App api={api} />);
    await noteField();
    expect(calls).not.toContain('GET /api/tasks/t3/draft');
    expect(screen.queryByTestId('draft-status')).not.toBeInTheDocument();
  });
});

describe('useTaskDraft', () => {
  it('ignores values the form fills in by itself, and saves once the person types', async () => {
    const saveDraft = jest.fn(async (_id: string, data: Record<string, unknown>) => ({
      data,
      updatedAt: savedAt,
    }));
    const tasks = {
      draft: async () => Promise.reject(new Error('none')),
      saveDraft,
      discardDraft: async () => undefined,
    } as unknown as TaskApi;
    const { rerender } = renderHook(
      ({ value }: { value: Record<string, unknown> | undefined }) =>
        useTaskDraft({
          tasks,
          taskId: 't9',
          enabled: true,
          value,
          initial: undefined,
          restore: () => undefined,
          delayMs: 50,
        }),
      { initialProps: { value: undefined as Record<string, unknown> | undefined } },
    );
    await act(() => new Promise((r) => setTimeout(r, 20)));
    rerender({ value: { done: false } }); // defaults reported by the form library, no input
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect(saveDraft).not.toHaveBeenCalled();

    const form = document.createElement('div');
    form.className = 'afr-form';
    const input = document.createElement('input');
    form.appendChild(input);
    document.body.appendChild(form);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    rerender({ value: { done: false, note: 'typed' } });
    await waitFor(() => expect(saveDraft).toHaveBeenCalledWith('t9', { done: false, note: 'typed' }));
    form.remove();
  });
});

describe('the draft status line', () => {
  const state = (over: Partial<TaskDraftState>): TaskDraftState => ({
    enabled: true,
    status: 'idle',
    savedAt: null,
    error: null,
    restoredFrom: null,
    discard: async () => undefined,
    settle: () => undefined,
    ...over,
  });

  it.each([
    [{ status: 'saving' } as const, 'Saving…'],
    [{ status: 'saved', savedAt } as const, `Draft saved ${clock(savedAt)}`],
    [
      { status: 'failed', error: 'You do not hold this task.' } as const,
      'Draft not saved: You do not hold this task.',
    ],
    [{ status: 'idle' } as const, ''],
  ])('%o reads “%s”', (over, text) => {
    render(<TaskDraftStatus draft={state(over)} />);
    expect(screen.getByRole('status')).toHaveTextContent(text === '' ? /^$/ : text);
  });
});
