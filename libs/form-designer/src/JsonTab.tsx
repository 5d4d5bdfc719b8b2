import { useEffect, useId, useRef, useState } from 'react';
import {
  checkSchema,
  modelToSchema,
  schemaToModel,
  type FormDocument,
  type FormModel,
} from '@aimsflow/form-schema';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the JSON tab's text into a model, or explains why it cannot. */
export function parseDocumentText(
  text: string,
): { ok: true; model: FormModel } | { ok: false; errors: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  if (!isObject(parsed) || !isObject(parsed.schema))
    return { ok: false, errors: ['Expected an object with "schema" and "uiSchema" members.'] };
  if (parsed.uiSchema !== undefined && !isObject(parsed.uiSchema))
    return { ok: false, errors: ['"uiSchema" must be an object.'] };
  try {
    const check = checkSchema(parsed.schema);
    if (!check.ok) return { ok: false, errors: check.errors };
    const doc: FormDocument = {
      schema: parsed.schema,
      uiSchema: (parsed.uiSchema as Record<string, unknown>) ?? {},
    };
    return { ok: true, model: schemaToModel(doc) };
  } catch (error) {
    return {
      ok: false,
      errors: [
        `The designer cannot represent this schema: ${error instanceof Error ? error.message : String(error)}`,
      ],
    };
  }
}

/** Shows the compiled schema + uiSchema; edited text is applied (as one undoable step) only when it checks out. */
export function JsonTab({ model, onApply }: { model: FormModel; onApply(model: FormModel): void }) {
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(modelToSchema(model), null, 2));
  const [errors, setErrors] = useState<string[]>([]);
  const [applied, setApplied] = useState(false);
  // Follow the model (undo, redo, an apply) until the user starts typing; never overwrite their text.
  const dirty = useRef(false);
  useEffect(() => {
    if (!dirty.current) setText(JSON.stringify(modelToSchema(model), null, 2));
  }, [model]);

  const apply = () => {
    const result = parseDocumentText(text);
    if (!result.ok) {
      setErrors(result.errors);
      setApplied(false);
      return;
    }
    setErrors([]);
    setApplied(true);
    dirty.current = false;
    onApply(result.model);
  };

  return (
    <div className="afd-json">
      <label htmlFor={`${id}-text`}>Schema and uiSchema (JSON)</label>
      <textarea
        id={`${id}-text`}
        className="afd-code"
        data-testid="designer-json-text"
        spellCheck={false}
        rows={24}
        value={text}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length > 0 ? `${id}-errors` : undefined}
        onChange={(e) => {
          dirty.current = true;
          setText(e.target.value);
          setApplied(false);
        }}
      />
      <div className="afd-json__actions">
        <button
          type="button"
          className="afd-button afd-button--primary"
          data-testid="designer-json-apply"
          onClick={apply}
        >
          Apply JSON
        </button>
        <button
          type="button"
          className="afd-button"
          onClick={() => {
            dirty.current = false;
            setText(JSON.stringify(modelToSchema(model), null, 2));
            setErrors([]);
          }}
        >
          Revert to current form
        </button>
        {applied && <span role="status">Applied.</span>}
      </div>
      {errors.length > 0 && (
        <div id={`${id}-errors`} className="afd-error" role="alert" data-testid="designer-json-errors">
          <p>The JSON was not applied:</p>
          <ul>
            {errors.map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
