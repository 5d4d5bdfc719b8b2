import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';

/**
 * Multi-line plain text with a live character count (against `maxLength` when the schema sets
 * one). Deliberately no rich text: what people type is stored and shown as text, never HTML.
 */
export function CountedTextareaWidget(props: WidgetProps) {
  const {
    id,
    htmlName,
    value,
    required,
    disabled,
    readonly,
    autofocus,
    placeholder,
    options,
    schema,
    onChange,
    onBlur,
    onFocus,
    rawErrors,
  } = props;
  const text = typeof value === 'string' ? value : '';
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const countId = `${id}__count`;
  const rows = typeof options.rows === 'number' ? options.rows : 5;
  return (
    <div className="afr-textarea">
      <textarea
        id={id}
        name={htmlName ?? id}
        className="afr-input"
        rows={rows}
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        placeholder={placeholder}
        maxLength={max}
        aria-describedby={`${ariaDescribedByIds(id)} ${countId}`}
        aria-invalid={rawErrors?.length ? true : undefined}
        onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
      <div id={countId} className="afr-textarea__count" aria-live="polite">
        {max === undefined ? `${text.length} characters` : `${text.length} / ${max} characters`}
      </div>
    </div>
  );
}
