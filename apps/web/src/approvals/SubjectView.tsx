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

/** The frozen content a chain decides on: top-level fields as a list, anything nested as JSON. */
export function SubjectView({ subject, sha256 }: { subject: unknown; sha256: string }) {
  const entries =
    subject && typeof subject === 'object' && !Array.isArray(subject)
      ? Object.entries(subject as Record<string, unknown>)
      : null;
  return (
    <section className="panel subject" aria-labelledby="subject-title">
      <h2 id="subject-title">What is being approved</h2>
      <p className="small muted">
        The submission as it was when the chain started; every decision records its SHA-256{' '}
        <code className="hash">{sha256}</code>.
      </p>
      {entries && entries.length > 0 ? (
        <dl className="subject__fields">
          {entries.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
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
