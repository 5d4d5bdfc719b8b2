import { FormDataSourcesProvider, FormRenderer, type FormData } from '@aimsflow/form-renderer';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import type { FormVersion, FormVersionInfo } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { LoadError } from '../app/LoadError';
import { PageLoading } from '../app/Loading';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { errorSchemaFor, submissionProblems, type SubmissionProblem } from '../tasks/server-errors';
import { useAppDataSources } from '../tasks/form-data-sources';

const FORM = 'concern-report';

/**
 * The concern form without the "tell me what was done" question: nobody knows who wrote an
 * anonymous concern, so nobody can answer them.
 */
export function withoutReply(form: FormVersion): {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
} {
  const schema = structuredClone(form.schema) as { properties?: Record<string, unknown> };
  delete schema.properties?.wantsReply;
  const uiSchema = structuredClone(form.uiSchema) as Record<string, unknown>;
  if (Array.isArray(uiSchema['ui:order']))
    uiSchema['ui:order'] = (uiSchema['ui:order'] as string[]).filter((field) => field !== 'wantsReply');
  return { schema: schema as Record<string, unknown>, uiSchema };
}

/**
 * Raise a concern about AI (A.3.3) without being named: the form is sent in one go (no draft, no
 * task), the server checks it against the published concern form and starts the concern with no
 * reporter, so the handlers see "anonymous".
 */
export default function AnonymousConcernPage() {
  const { api } = useAuth();
  const dataSources = useAppDataSources();
  const form = useQuery(async (signal) => {
    const versions = await api.get<{ items: FormVersionInfo[] }>(`/forms/${FORM}/versions`, { signal });
    const newest = versions.items[0];
    if (!newest) throw new Error('The concern form is not published yet; ask an administrator.');
    return api.get<FormVersion>(`/forms/${FORM}/versions/${newest.version}`, { signal });
  }, FORM);
  const [data, setData] = useState<FormData>({});
  const [problems, setProblems] = useState<SubmissionProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function send(submitted: FormData) {
    setBusy(true);
    setProblems([]);
    try {
      await api.post('/reports/concern/anonymous', { data: submitted });
      setSent(true);
    } catch (cause) {
      const found = cause instanceof ApiError ? submissionProblems(cause.errors) : [];
      setProblems(found.length ? found : [{ path: '', message: errorMessage(cause) }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page" aria-labelledby="anonymous-concern-title">
      <h1 id="anonymous-concern-title">Raise a concern anonymously</h1>
      {sent ? (
        <div className="alert alert--success" role="status">
          <p>
            Thank you. Your concern was received and goes to the AIMS managers for triage. Your name is not
            recorded with it anywhere, so nobody can answer you personally.
          </p>
          <p>
            <Link to="/inbox">Back to the inbox</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="muted">
            Your name is not recorded with this concern: not on the concern, its tasks, the concerns register
            or the audit trail. Because of that, nobody can tell you what was done; if you would like an
            answer, <Link to="/inbox">raise it with your name</Link> from the inbox instead. Do not write
            anything that gives you away unless you want to.
          </p>
          {form.error ? (
            <LoadError what="the concern form" error={form.error} onRetry={form.reload} />
          ) : !form.data ? (
            <PageLoading label="Loading the form…" />
          ) : (
            <>
              {problems.length > 0 && (
                <div className="alert alert--error" role="alert">
                  {problems.map((problem, index) => (
                    <p key={index}>{problem.message}</p>
                  ))}
                </div>
              )}
              <FormDataSourcesProvider value={dataSources}>
                <FormRenderer
                  {...withoutReply(form.data)}
                  formData={data}
                  onChange={setData}
                  onSubmit={(submitted) => void send(submitted)}
                  disabled={busy}
                  submitLabel={busy ? 'Sending…' : 'Send anonymously'}
                  extraErrors={errorSchemaFor(problems)}
                />
              </FormDataSourcesProvider>
            </>
          )}
        </>
      )}
    </section>
  );
}
