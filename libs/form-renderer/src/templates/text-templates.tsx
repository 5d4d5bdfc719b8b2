import { useState, type ChangeEvent } from 'react';
import {
  ariaDescribedByIds,
  errorId,
  helpId,
  type DescriptionFieldProps,
  type FieldErrorProps,
  type FieldHelpProps,
  type WidgetProps,
} from '@rjsf/utils';

/** Field descriptions as plain text. Replaces RJSF's RichDescription, which can render markdown. */
export function PlainDescriptionField({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return (
    <div id={id} className="field-description">
      {description}
    </div>
  );
}

/** Field help as plain text. Replaces RJSF's RichHelp, which can render markdown. */
export function PlainHelpTemplate({ fieldPathId, help }: FieldHelpProps) {
  if (!help) return null;
  return (
    <div id={helpId(fieldPathId)} className="help-block">
      {help}
    </div>
  );
}

/** A field's own errors, directly under it, announced to assistive technology. */
export function InlineErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const shown = errors.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <ul id={errorId(fieldPathId)} className="error-detail" role="alert">
      {shown.map((error, index) => (
        <li key={index} className="text-danger">
          {error}
        </li>
      ))}
    </ul>
  );
}

/**
 * A data-url file input whose file list is plain text. RJSF's own FileWidget passes file names
 * through markdown; the product's attachments use the `file` field instead, this only keeps
 * `format: data-url` schemas working safely.
 */
export function PlainDataUrlWidget({
  id,
  htmlName,
  disabled,
  readonly,
  required,
  multiple,
  onChange,
  value,
}: WidgetProps) {
  const [names, setNames] = useState<string[]>([]);
  const handle = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    const urls = await Promise.all(
      files.map(
        (file) =>
          new Promise<string>((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () =>
              resolve(
                String(reader.result).replace(';base64', `;name=${encodeURIComponent(file.name)};base64`),
              );
            reader.onerror = () => reject(reader.error);
            reader.readAsDataURL(file);
          }),
      ),
    );
    setNames(files.map((f) => f.name));
    onChange(multiple ? urls : urls[0]);
  };
  return (
    <div>
      <input
        id={id}
        name={htmlName ?? id}
        type="file"
        multiple={multiple}
        disabled={disabled || readonly}
        required={required && !value}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={handle}
      />
      {names.length > 0 && (
        <ul className="afr-file__list">
          {names.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
