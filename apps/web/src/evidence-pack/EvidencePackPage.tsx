import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { evidencePackApi, type PackProgress, type PackVerification } from './evidence-pack-api';

type DownloadState =
  | { status: 'idle' }
  | { status: 'running'; progress: PackProgress | null }
  | { status: 'done'; filename: string; bytes: number; files: number }
  | { status: 'error'; error: unknown };

type VerifyState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; name: string; result: PackVerification }
  | { status: 'error'; error: unknown };

export const formatBytes = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(0)} kB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Hands a downloaded blob to the browser as a file. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The evidence pack for the certification body: download it (built and streamed by the server,
 * with progress), and check a pack someone hands back. For the AIMS manager and the external auditor.
 */
export default function EvidencePackPage() {
  const { api } = useAuth();
  const calls = useMemo(() => evidencePackApi(api), [api]);
  const [download, setDownload] = useState<DownloadState>({ status: 'idle' });
  const [check, setCheck] = useState<VerifyState>({ status: 'idle' });
  const [file, setFile] = useState<File | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  async function build() {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setDownload({ status: 'running', progress: null });
    try {
      const pack = await calls.download(
        (progress) => !current.signal.aborted && setDownload({ status: 'running', progress }),
        current.signal,
      );
      if (current.signal.aborted) return;
      save(pack.blob, pack.filename);
      setDownload({ status: 'done', filename: pack.filename, bytes: pack.received, files: pack.files });
    } catch (error) {
      if (!current.signal.aborted) setDownload({ status: 'error', error });
    }
  }

  async function verify() {
    if (!file) return;
    setCheck({ status: 'running' });
    try {
      setCheck({ status: 'done', name: file.name, result: await calls.verify(file) });
    } catch (error) {
      setCheck({ status: 'error', error });
    }
  }

  const running = download.status === 'running';
  return (
    <section className="page">
      <PageHeader
        title="Evidence pack"
        description="One signed file for the certification body: the Statement of Applicability, every register, the documents in force, the evidence they cite, the audit trail and the readiness report."
      />
      <div className="panel">
        <h2>Download</h2>
        <p>
          The server builds the pack as it sends it. Its <code>manifest.json</code> lists every file with its
          SHA-256 and the audit trail&apos;s chain heads, and is signed with your organisation&apos;s key (
          <a href="/api/evidence-pack/public-key">public key</a>). Anyone can check it with{' '}
          <code>npm run pack:verify -- PACK.zip --key KEY.pem</code> or below.
        </p>
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={build} disabled={running}>
            {running ? 'Building the pack…' : 'Build and download the evidence pack'}
          </button>
        </div>
        <DownloadStatus state={download} />
      </div>
      <div className="panel">
        <h2>Verify a pack</h2>
        <p>Checks the signature against your organisation&apos;s key and every file against the manifest.</p>
        <label htmlFor="pack-file">Evidence pack (.zip)</label>
        <input
          id="pack-file"
          type="file"
          accept=".zip,application/zip"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <div className="form-actions">
          <button
            type="button"
            className="button"
            onClick={verify}
            disabled={!file || check.status === 'running'}
          >
            {check.status === 'running' ? 'Verifying…' : 'Verify the pack'}
          </button>
        </div>
        <VerifyResult state={check} />
      </div>
    </section>
  );
}

function DownloadStatus({ state }: { state: DownloadState }) {
  if (state.status === 'running') {
    const p = state.progress;
    // The estimate can be short: the bar stops just before the end until the last byte is in.
    const value = p && p.estimated ? Math.min(p.received / p.estimated, 0.99) : undefined;
    return (
      <div role="status" data-testid="pack-progress">
        <progress className="pack-progress" max={1} value={value} aria-label="Evidence pack download" />
        <p>
          {p
            ? `Received ${formatBytes(p.received)}${p.estimated ? ` of about ${formatBytes(p.estimated)}` : ''} · ${p.files} files`
            : 'Starting…'}
        </p>
      </div>
    );
  }
  if (state.status === 'done')
    return (
      <div className="alert alert--success" role="status" data-testid="pack-downloaded">
        Downloaded {state.filename} ({formatBytes(state.bytes)}, {state.files} files).
      </div>
    );
  if (state.status === 'error')
    return (
      <div className="alert alert--error" role="alert">
        Could not build the evidence pack: {errorMessage(state.error)}
      </div>
    );
  return null;
}

function VerifyResult({ state }: { state: VerifyState }) {
  if (state.status === 'error')
    return (
      <div className="alert alert--error" role="alert">
        Could not check the pack: {errorMessage(state.error)}
      </div>
    );
  if (state.status !== 'done') return null;
  const { result, name } = state;
  if (result.ok)
    return (
      <div className="alert alert--success" role="status" data-testid="pack-verify-result">
        Verified: {name} holds {result.files} files exactly as its manifest lists them, signed by your
        organisation&apos;s key <code className="hash">{result.keyId}</code>
        {result.organization
          ? ` (${result.organization.name}, built ${result.createdAt ?? 'at an unknown time'})`
          : ''}
        .
      </div>
    );
  return (
    <div className="alert alert--error" role="alert" data-testid="pack-verify-result">
      <p>
        Not verified: {name} has {result.problems.length} problem{result.problems.length === 1 ? '' : 's'}
        {result.signature === 'valid' ? ' (the signature is valid)' : ` (signature ${result.signature})`}.
      </p>
      <ul>
        {result.problems.map((p) => (
          <li key={`${p.path}:${p.problem}`}>
            <code>{p.path || 'the pack'}</code>: {p.problem}
          </li>
        ))}
      </ul>
    </div>
  );
}
