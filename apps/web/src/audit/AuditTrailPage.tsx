import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { AUDIT_EXPORT_URL, auditApi, type AuditVerifyReport, type BrokenLink } from './audit-api';

type VerifyState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; report: AuditVerifyReport }
  | { status: 'error'; error: unknown };

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The audit trail: re-verify the organisation's hash chains and signed checkpoints on the server,
 * and download the export to re-verify them elsewhere. For admins and auditors.
 */
export default function AuditTrailPage() {
  const { api, user } = useAuth();
  const calls = useMemo(() => auditApi(api), [api]);
  const [state, setState] = useState<VerifyState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => () => controller.current?.abort(), []);

  // When the run ends, keyboard users continue from the result rather than from nowhere (the
  // button was disabled while it ran, which drops its focus).
  const finished = state.status === 'done' || state.status === 'error';
  useEffect(() => {
    if (!finished) return;
    const active = document.activeElement;
    if (!active || active === document.body || active === button.current) result.current?.focus();
  }, [finished, state]);

  async function verify() {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ status: 'running' });
    try {
      const report = await calls.verify(current.signal);
      if (!current.signal.aborted) setState({ status: 'done', report });
    } catch (error) {
      if (!current.signal.aborted) setState({ status: 'error', error });
    }
  }

  const running = state.status === 'running';
  return (
    <section className="page">
      <PageHeader
        title="Audit trail"
        description="Every change in Aimsflow leaves a record in your organisation's audit trail. Check here that nothing in it was altered, removed or reordered."
      />
      <div className="panel">
        <h2>What is verified</h2>
        <p>
          Verifying recomputes every record's hash from what is stored: each hash covers the record and the
          hash of the one before it, so nothing can be changed, removed or reordered without breaking its
          chain (one chain per process, one for your organisation). The last record of each chain must match
          the chain head stored apart from it, and the checkpoints that seal the heads must be signed with the
          key whose id is shown with the result. The export holds the same records, checkpoints and public
          key, so anyone can repeat the check outside Aimsflow.
        </p>
        <div className="form-actions">
          <button
            ref={button}
            type="button"
            className="button button--primary"
            onClick={verify}
            disabled={running}
            aria-describedby={running ? 'audit-verify-progress' : undefined}
          >
            {running ? 'Verifying…' : 'Verify the audit trail'}
          </button>
          <a className="button" href={AUDIT_EXPORT_URL} download="audit-trail.jsonl">
            Download the export (JSON Lines)
          </a>
        </div>
        <div role="status" aria-live="polite">
          {running && (
            <div className="loading">
              <span className="spinner" aria-hidden="true" />
              <span id="audit-verify-progress">Recomputing every chain of the audit trail…</span>
            </div>
          )}
        </div>
      </div>
      <div ref={result} tabIndex={-1}>
        {state.status === 'done' && (
          <VerifyResult report={state.report} organizationId={user?.organization.id} />
        )}
        {state.status === 'error' && <VerifyError error={state.error} />}
      </div>
    </section>
  );
}

function VerifyResult({ report, organizationId }: { report: AuditVerifyReport; organizationId?: string }) {
  if (!report.ok) return <BrokenResult report={report} organizationId={organizationId} />;
  const sealed = report.lastCheckpointAt ? (
    <>
      {count(report.checkpoints, 'signed checkpoint', 'signed checkpoints')} (last sealed{' '}
      <time dateTime={report.lastCheckpointAt}>{dateTime(report.lastCheckpointAt)}</time>)
    </>
  ) : (
    <>no signed checkpoint yet</>
  );
  return (
    <div className="alert alert--success" role="status" data-testid="audit-verify-result">
      <p>
        <strong>
          Verified: {count(report.records, 'record', 'records')} in {count(report.chains, 'chain', 'chains')},{' '}
          {sealed}.
        </strong>
      </p>
      {report.unsealedChains > 0 && (
        <p>{unsealedNote(report.unsealedChains, report.lastCheckpointAt !== null)}</p>
      )}
      <KeyId keyId={report.keyId} />
    </div>
  );
}

function unsealedNote(chains: number, anyCheckpoint: boolean): string {
  const n = chains.toLocaleString();
  const note = anyCheckpoint
    ? chains === 1
      ? '1 chain has records newer than the last checkpoint'
      : `${n} chains have records newer than the last checkpoint`
    : chains === 1
      ? '1 chain has records not yet sealed by a checkpoint'
      : `${n} chains have records not yet sealed by a checkpoint`;
  return `${note}: those records verified, and the next checkpoint will seal them.`;
}

function BrokenResult({ report, organizationId }: { report: AuditVerifyReport; organizationId?: string }) {
  const broken = report.firstBroken;
  return (
    <div className="alert alert--error" role="alert" data-testid="audit-verify-result">
      <p>
        <strong>The audit trail did not verify.</strong>
      </p>
      {broken ? (
        <p>
          First broken link: {chainName(broken, organizationId)}, record number {broken.seq}
          {broken.id ? (
            <>
              {' '}
              (record id <code className="hash">{broken.id}</code>)
            </>
          ) : null}
          : {broken.reason}.
        </p>
      ) : (
        <p>The server found a problem but did not say where.</p>
      )}
      <p>
        {count(report.records, 'record', 'records')} in {count(report.chains, 'chain', 'chains')} verified
        before the break. Download the export to keep the evidence, and tell your AIMS manager.
      </p>
      <KeyId keyId={report.keyId} />
    </div>
  );
}

function chainName(broken: BrokenLink, organizationId?: string) {
  return broken.chainId === organizationId ? (
    <>
      the organisation's chain (<code className="hash">{broken.chainId}</code>)
    </>
  ) : (
    <>
      the chain of process <code className="hash">{broken.chainId}</code>
    </>
  );
}

function KeyId({ keyId }: { keyId: string }) {
  return (
    <p className="small">
      Checkpoint signatures checked with key <code className="hash">{keyId}</code>.
    </p>
  );
}

function VerifyError({ error }: { error: unknown }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className="alert alert--error" role="alert" data-testid="audit-verify-error">
      {forbidden
        ? 'Your roles do not include verifying the audit trail. Ask an administrator if you need it.'
        : `Could not verify the audit trail: ${errorMessage(error)}`}
    </div>
  );
}
