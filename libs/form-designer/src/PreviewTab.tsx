import { useMemo, useState } from 'react';
import { modelToSchema, type FormModel } from '@aimsflow/form-schema';
import { FormRenderer, type FormDataSources } from '@aimsflow/form-renderer';

/** The form exactly as users will get it, compiled from the current model on every edit. */
export function PreviewTab({ model, dataSources }: { model: FormModel; dataSources?: FormDataSources }) {
  const doc = useMemo(() => {
    try {
      return { ok: true as const, doc: modelToSchema(model) };
    } catch (error) {
      return { ok: false as const, message: error instanceof Error ? error.message : String(error) };
    }
  }, [model]);
  const [submitted, setSubmitted] = useState<unknown>(undefined);

  if (!doc.ok) {
    return (
      <p className="afd-error" role="alert">
        The form cannot be previewed yet: {doc.message}
      </p>
    );
  }
  return (
    <div className="afd-preview" data-testid="designer-preview">
      <p className="afd-hint">
        This is a preview: submitting shows the data that would be saved, nothing is sent.
      </p>
      <FormRenderer
        schema={doc.doc.schema}
        uiSchema={doc.doc.uiSchema}
        dataSources={dataSources}
        onSubmit={setSubmitted}
        submitLabel="Try submit"
        idPrefix="preview"
      />
      {submitted !== undefined && (
        <section aria-label="Submitted data">
          <h3 className="afd-heading">Submitted data</h3>
          <pre className="afd-code" data-testid="designer-preview-submitted">
            {JSON.stringify(submitted, null, 2)}
          </pre>
        </section>
      )}
    </div>
  );
}
