import { descriptionId, getUiOptions, type FieldProps } from '@rjsf/utils';

/** The label text of a custom field: ui:title, else schema title, else the property name. */
export function fieldLabel(props: FieldProps): string {
  const { title } = getUiOptions(props.uiSchema);
  return String(title ?? props.schema.title ?? props.name ?? '');
}

/** The description of a custom field, rendered strictly as text. */
export function FieldDescription({ props }: { props: FieldProps }) {
  const { description } = getUiOptions(props.uiSchema);
  const text = description ?? props.schema.description;
  if (typeof text !== 'string' || !text) return null;
  return (
    <div id={descriptionId(props.fieldPathId.$id)} className="field-description">
      {text}
    </div>
  );
}

/** Formats a byte count for people: 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toFixed(size < 10 ? 1 : 0)} ${units[unit]}`;
}
