import { useEffect, useMemo, useState } from 'react';
import { FormDataSourcesProvider, FormRenderer, type FormData } from '@aimsflow/form-renderer';
import { ApiError, errorMessage } from '../api/api-client';
import type { ApprovalChainView, ProcessInstanceDetail, TaskDetail } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import type { PageProps } from '../app/routes';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { dueInfo, formatDateTime } from '../inbox/due';
import { setFlash } from '../inbox/flash';
import { subscribeInboxEvents } from '../inbox/inbox-events';
import { Link } from '../routing/Link';
import { navigate } from '../routing/router';
import { ApprovalChainPanel } from '../approvals/ApprovalChainPanel';
import { approvalsApi } from '../approvals/approvals-api';
import { sentBack } from '../approvals/approval-rules';
import { DecisionPanel } from '../approvals/DecisionPanel';
import { SubjectView } from '../approvals/SubjectView';
import { usePeople } from '../approvals/usePeopleNames';
import { useAppDataSources } from './form-data-sources';
import {
  fieldLabelForPath,
  rjsfIdForPath,
  submissionProblems,
  type SubmissionProblem,
  errorSchemaFor,
} from './server-errors';
import { TaskActions } from './TaskActions';
import { TaskDraftStatus } from './TaskDraftStatus';
import { taskApi, type TaskApi } from './task-api';
import { delegationText, holderText } from './task-people';
import { HistorySection, TaskComments } from './TaskSections';
import { InputPackSection } from '../management-review/InputPackSection';
import { useTaskDraft } from './useTaskDraft';

const MANAGERS = ['admin', 'aims-manager'];

/** A state id's last part in words, until the process's own step names arrive: `signingOff` → "Signing off". */
function stepInWords(stateId: string): string {
  const last = stateId.split('.').at(-1) ?? stateId;
  const text = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
const APPROVAL_FORM = 'approval-decision';

/**
 * One task: who holds it, its pinned form, claim/unclaim, submit, assign/delegate/re-date, comments
 * and the process history. An approval task shows its chain and the decision buttons instead of a form.
 */
export default function TaskPage({ params }: PageProps) {
  const id = params.id;
  const { api } = useAuth();
  const tasks = useMemo(() => taskApi(api), [api]);
  const query = useQuery((signal) => tasks.get(id, signal), id);
  const { reload } = query;

  useEffect(
    () =>
      subscribeInboxEvents((event) => {
        if (event.type === 'task' && event.id === id) reload();
      }),
    [id, reload],
  );

  if (query.error && !query.data) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <section className="page">
        <PageHeader title={notFound ? 'Task not found' : 'Task'} />
        <div
          className={notFound ? 'empty-state' : 'alert alert--error'}
          role={notFound ? undefined : 'alert'}
        >
          <p>
            {notFound
              ? 'This task does not exist, or it is not offered to you.'
              : `Could not load the task: ${errorMessage(query.error)}`}
          </p>
          <Link className="button" to="/inbox">
            Back to the inbox
          </Link>
        </div>
      </section>
    );
  }
  if (!query.data) return <PageLoading label="Loading the task…" />;
  return <TaskView key={query.data.id} task={query.data} tasks={tasks} reload={reload} />;
}

function TaskView({ task: loaded, tasks, reload }: { task: TaskDetail; tasks: TaskApi; reload(): void }) {
  const me = useCurrentUser();
  const { api } = useAuth();
  const approvals = useMemo(() => approvalsApi(api), [api]);
  const { people, names } = usePeople();
  const dataSources = useAppDataSources();
  const [task, setTask] = useState(loaded);
  useEffect(() => setTask(loaded), [loaded]);
  const [busy, setBusy] = useState<'claim' | 'unclaim' | 'submit' | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const [problems, setProblems] = useState<SubmissionProblem[]>([]);
  const [draft, setDraft] = useState<FormData | undefined>((loaded.data as FormData | null) ?? undefined);

  const instance = useQuery<ProcessInstanceDetail | null>(
    (signal) => tasks.instance(task.instanceId, signal).catch(() => null),
    task.instanceId,
  );
  const form = useQuery(
    (signal) =>
      task.formKey ? tasks.formVersion(task.formKey, task.formVersion, signal) : Promise.resolve(null),
    `${task.formKey}@${task.formVersion}`,
  );

  const isOpen = task.status === 'open';
  const isApproval = !!task.approvalId || task.formKey === APPROVAL_FORM;
  const mine = task.assigneeId === me.id || (!!task.delegateId && task.delegateId === me.id);
  // Any candidate of the level decides an approval task; claiming one would hide it from the rest of a quorum.
  const canClaim = isOpen && !task.assigneeId && !isApproval;
  const canUnclaim =
    isOpen &&
    !isApproval &&
    !!task.assigneeId &&
    (mine || me.roles.some((r) => MANAGERS.includes(r))) &&
    !!(task.candidateRole || task.candidateGroupId);
  const canSubmit = isOpen && mine;
  const initial = (loaded.data as FormData | null) ?? undefined;
  const enabled = canSubmit && !isApproval && !!task.formKey;
  const drafts = useTaskDraft({ tasks, taskId: task.id, enabled, value: draft, initial, restore: setDraft });
  const due = dueInfo(task.dueAt);
  const delegation = delegationText(task, me.id, names);

  // The chain this approval task decides on; on other tasks, the chains that may have sent the work back.
  const chains = useQuery<ApprovalChainView[]>(
    (signal) =>
      isApproval && task.approvalId
        ? approvals.get(task.approvalId, signal).then((chain) => [chain])
        : approvals.forInstance(task.instanceId, signal).catch(() => []),
    `chains:${task.id}`,
  );
  const reloadChains = chains.reload;
  useEffect(() => reloadChains(), [loaded, reloadChains]);
  const chain = isApproval
    ? (chains.data ?? []).filter((c) => !!task.approvalId || c.stateId === task.stateId).at(-1)
    : undefined;
  const returned = !isApproval && isOpen ? sentBack(chains.data ?? []) : null;
  // Only when this task was opened by that rejection (same step transaction), not for some later step.
  const showReturned =
    !!returned?.chain.endedAt &&
    new Date(task.createdAt).getTime() >= new Date(returned.chain.endedAt).getTime() - 1000;

  function decided(_after: ApprovalChainView, text: string) {
    setMessage({ tone: 'info', text });
    reloadChains();
    reload();
  }

  async function claimOrUnclaim(action: 'claim' | 'unclaim') {
    setBusy(action);
    setMessage(null);
    try {
      const next = action === 'claim' ? await tasks.claim(task.id) : await tasks.unclaim(task.id);
      setTask(next);
      setMessage({
        tone: 'info',
        text:
          action === 'claim'
            ? 'You hold this task now. Fill in the form and submit it.'
            : 'You handed the task back; it is available to claim again.',
      });
    } catch (cause) {
      setMessage({ tone: 'error', text: errorMessage(cause) });
      reload();
    } finally {
      setBusy(null);
    }
  }

  async function submit(data: FormData) {
    setBusy('submit');
    setMessage(null);
    setProblems([]);
    try {
      await tasks.complete(task.id, data);
      drafts.settle();
      setFlash(`Completed “${task.title}”.`);
      navigate('/inbox');
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 422) {
        const found = submissionProblems(cause.errors);
        setProblems(found.length ? found : [{ path: '', message: cause.message }]);
      } else if (cause instanceof ApiError && cause.status === 409) {
        setMessage({ tone: 'error', text: `This task is no longer open: ${cause.message}` });
        reload();
      } else if (cause instanceof ApiError && cause.status === 403) {
        setMessage({ tone: 'error', text: `You cannot complete this task: ${cause.message}` });
        reload();
      } else {
        setMessage({ tone: 'error', text: `Could not submit: ${errorMessage(cause)}` });
      }
    } finally {
      setBusy(null);
    }
  }

  const statusLabel =
    task.status === 'open' ? 'Open' : task.status === 'completed' ? 'Completed' : 'Cancelled';
  return (
    <section className="page task-page">
      <PageHeader
        title={task.title}
        description={
          <Link to="/inbox" className="small">
            ← Back to the inbox
          </Link>
        }
        actions={
          <>
            {canClaim && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => void claimOrUnclaim('claim')}
                disabled={busy !== null}
              >
                {busy === 'claim' ? 'Claiming…' : 'Claim'}
              </button>
            )}
            {canUnclaim && (
              <button
                type="button"
                className="button"
                onClick={() => void claimOrUnclaim('unclaim')}
                disabled={busy !== null}
              >
                {busy === 'unclaim' ? 'Handing back…' : 'Unclaim'}
              </button>
            )}
          </>
        }
      />

      <dl className="facts" aria-label="About this task">
        <div>
          <dt>Status</dt>
          <dd>
            <span
              className={`badge ${task.status === 'open' ? '' : task.status === 'completed' ? 'badge--ok' : 'badge--muted'}`}
            >
              {statusLabel}
            </span>
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {isOpen && due.tone !== 'none' ? (
              <span className={`badge badge--due-${due.tone}`}>{due.text}</span>
            ) : task.dueAt ? (
              formatDateTime(task.dueAt)
            ) : (
              'No due date'
            )}
          </dd>
        </div>
        <div>
          <dt>Held by</dt>
          <dd data-testid="task-holder">
            {holderText(
              {
                ...task,
                candidateGroupName:
                  task.candidateGroupName ?? me.groups.find((g) => g.id === task.candidateGroupId)?.name,
              },
              me.id,
              names,
            )}
          </dd>
        </div>
        {delegation && (
          <div>
            <dt>Delegation</dt>
            <dd data-testid="task-delegation">{delegation}</dd>
          </div>
        )}
        <div>
          <dt>Process</dt>
          <dd>
            <Link to={`/processes/${encodeURIComponent(task.instanceId)}`}>
              {instance.data
                ? `${instance.data.definitionName ?? instance.data.definitionKey} (version ${instance.data.definitionVersion})`
                : 'Open the process'}
            </Link>
            {instance.data?.businessKey && (
              <span className="muted small"> · {instance.data.businessKey}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Step</dt>
          <dd data-testid="task-step" title={task.stateId}>
            {instance.data?.stepNames?.[task.stateId] ?? stepInWords(task.stateId)}
          </dd>
        </div>
        {/* 0 is the default every task has: only a priority someone set says something. */}
        {!!task.priority && (
          <div>
            <dt>Priority</dt>
            <dd>{task.priority}</dd>
          </div>
        )}
        {task.completedAt && (
          <div>
            <dt>Completed</dt>
            <dd>{formatDateTime(task.completedAt)}</dd>
          </div>
        )}
      </dl>

      {message && (
        <div
          className={`alert ${message.tone === 'error' ? 'alert--error' : 'alert--info'}`}
          role={message.tone === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </div>
      )}

      {showReturned && returned && (
        <div className="alert alert--error" role="note" data-testid="sent-back">
          <strong>{returned.decision.decision === 'reject' ? 'Rejected' : 'Changes requested'}</strong> at
          level {returned.level} by{' '}
          {returned.decision.userName ?? names.get(returned.decision.userId) ?? 'an approver'},{' '}
          {formatDateTime(returned.decision.decidedAt)}: <q>{returned.decision.comment}</q> Change the
          submission and send it again; the approval starts over at level 1.
        </div>
      )}

      <TaskActions
        task={task}
        tasks={tasks}
        people={people}
        names={names}
        onChanged={(next, text) => {
          setTask(next);
          setMessage({ tone: 'info', text });
        }}
      />

      {isApproval ? (
        chains.error ? (
          <p className="alert alert--error" role="alert">
            The approval chain is not available: {errorMessage(chains.error)}
          </p>
        ) : !chain ? (
          <PageLoading label="Loading the approval chain…" />
        ) : (
          <>
            {isOpen && (
              <DecisionPanel
                chain={chain}
                approvals={approvals}
                names={names}
                allowedActions={chain.allowedActions ?? task.allowedActions}
                onDecided={decided}
              />
            )}
            <SubjectView
              subject={chain.subject}
              sha256={chain.subjectSha256}
              subjectForm={chain.subjectForm}
              loadForm={(key, version, signal) => tasks.formVersion(key, version, signal)}
              dataSources={dataSources}
            />
            <ApprovalChainPanel chain={chain} names={names} />
          </>
        )
      ) : (
        <section className="panel task-form" aria-labelledby="task-form-title">
          <h2 id="task-form-title">{task.status === 'completed' ? 'Submitted data' : 'Form'}</h2>
          {isOpen && !mine && (
            <p className="alert alert--info">
              {canClaim
                ? 'Claim this task to fill in the form.'
                : 'Someone else holds this task; you can read the form but not submit it.'}
            </p>
          )}
          {task.status === 'cancelled' && (
            <p className="muted">This task was cancelled; nothing can be submitted.</p>
          )}
          {!task.formKey ? (
            canSubmit ? (
              <button
                type="button"
                className="button button--primary"
                onClick={() => void submit({})}
                disabled={busy !== null}
              >
                {busy === 'submit' ? 'Completing…' : 'Mark as done'}
              </button>
            ) : (
              <p className="muted">This task has no form.</p>
            )
          ) : form.error ? (
            <div className="alert alert--error" role="alert">
              Could not load the form {task.formKey}
              {task.formVersion ? ` v${task.formVersion}` : ''}: {errorMessage(form.error)}
            </div>
          ) : !form.data ? (
            <PageLoading label="Loading the form…" />
          ) : (
            <>
              <p className="muted small">
                Form {form.data.title} · <code>{form.data.key}</code>{' '}
                {form.data.version ? `version ${form.data.version}` : '(draft)'}
              </p>
              {problems.length > 0 && <ProblemSummary problems={problems} schema={form.data.schema} />}
              <TaskDraftStatus draft={drafts} />
              <FormDataSourcesProvider value={dataSources}>
                <FormRenderer
                  schema={form.data.schema}
                  uiSchema={form.data.uiSchema}
                  formData={task.status === 'open' ? draft : ((task.data as FormData | null) ?? {})}
                  onChange={task.status === 'open' ? setDraft : undefined}
                  onSubmit={(data) => void submit(data)}
                  readOnly={!canSubmit}
                  disabled={busy === 'submit'}
                  submitLabel={busy === 'submit' ? 'Submitting…' : 'Submit'}
                  extraErrors={errorSchemaFor(problems)}
                />
              </FormDataSourcesProvider>
            </>
          )}
        </section>
      )}

      {(task.definitionKey ?? instance.data?.definitionKey) === 'management-review' && (
        <InputPackSection api={api} reviewId={task.instanceId} />
      )}
      <TaskComments tasks={tasks} taskId={task.id} />
      <HistorySection tasks={tasks} instanceId={task.instanceId} />
    </section>
  );
}

/** The server's verdict on a submission, each problem named by its field's label and linked to it. */
function ProblemSummary({
  problems,
  schema,
}: {
  problems: SubmissionProblem[];
  schema: Record<string, unknown>;
}) {
  return (
    <div className="alert alert--error" role="alert" data-testid="task-submit-problems">
      <p>The form was not accepted. Please fix:</p>
      <ul>
        {problems.map((problem, index) => {
          const target = rjsfIdForPath(problem.path);
          return (
            <li key={index}>
              {problem.path ? (
                <a
                  href={`#${target}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(target)?.focus();
                  }}
                >
                  {fieldLabelForPath(schema, problem.path)}
                </a>
              ) : (
                'The form'
              )}
              : {problem.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
