import {
  FormDataSourcesProvider,
  FormRenderer,
  type FormData,
  type FormDataSources,
} from '@aimsflow/form-renderer';
import type { FormVersion } from '../api/api-types';
import { useQuery } from '../api/useQuery';

/** Nested values longer than this are folded, so a phase gate's large record stays readable. */
const INLINE_LIMIT = 160;

function SubjectValue({ value }: { value: unknown }) {
  if (typeof value === 'string') return <>{value}</>;
  const json = JSON.stringify(value);
  if (json === undefined || json.length <= INLINE_LIMIT) return <code>{json}</code>;
  const size = Array.isArray(value)
    ? `${value.length} items`
    : `${Object.keys(value as object).length} fields`;
  return (
    <details>
      <summary>{size}</summary>
      <pre className="json-view">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

/** A field key in words: `budgetApproved` → "Budget approved", `soa_entries` → "Soa entries". */
export function keyInWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface SubjectViewProps {
  subject: unknown;
  sha256: string;
  /** The form the subject was submitted with: it is shown as that form, read-only. */
  subjectForm?: { key: string; version: number; title: string } | null;
  loadForm?: (key: string, version: number, signal: AbortSignal) => Promise<FormVersion>;
  dataSources?: FormDataSources;
}

/** The frozen content a chain decides on: as the read-only form it came from, else its fields in words. */
export function SubjectView({ subject, sha256, subjectForm, loadForm, dataSources }: SubjectViewProps) {
  const wanted = subjectForm && loadForm ? subjectForm : null;
  const form = useQuery<FormVersion | null>(
    (signal) => (wanted && loadForm ? loadForm(wanted.key, wanted.version, signal) : Promise.resolve(null)),
    wanted ? `${wanted.key}@${wanted.version}` : 'none',
  );
  const entries =
    subject && typeof subject === 'object' && !Array.isArray(subject)
      ? Object.entries(subject as Record<string, unknown>)
      : null;
  return (
    <section className="panel subject" aria-labelledby="subject-title">
      <h2 id="subject-title">What is being approved</h2>
      <p className="small muted">
        {subjectForm ? `${subjectForm.title}, as submitted. ` : ''}The submission as it was when the chain
        started; every decision records its SHA-256 <code className="hash">{sha256}</code>.
      </p>
      {wanted && form.data ? (
        <div data-testid="subject-form">
          <FormDataSourcesProvider value={dataSources ?? {}}>
            <FormRenderer
              schema={form.data.schema}
              uiSchema={form.data.uiSchema}
              formData={subject as FormData}
              onSubmit={() => undefined}
              readOnly
            />
          </FormDataSourcesProvider>
        </div>
      ) : wanted && !form.error ? (
        <p className="muted">Loading the form…</p>
      ) : entries && entries.length > 0 ? (
        <dl className="subject__fields">
          {entries.map(([key, value]) => (
            <div key={key}>
              <dt>{keyInWords(key)}</dt>
              <dd>
                <SubjectValue value={value} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <pre className="json-view">{JSON.stringify(subject ?? null, null, 2)}</pre>
      )}
    </section>
  );
}
