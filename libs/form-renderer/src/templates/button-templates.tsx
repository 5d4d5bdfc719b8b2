import type { FormContextType, IconButtonProps, RJSFSchema } from '@rjsf/utils';

type Props = IconButtonProps<unknown, RJSFSchema, FormContextType>;

/**
 * List buttons with visible words. RJSF's defaults are icon-only glyphicons, which render as blank
 * pills without Bootstrap's icon font and are named only by a tooltip (UX review H1).
 */
function TextButton({
  label,
  symbol,
  danger,
  className,
  iconType: _iconType,
  icon: _icon,
  uiSchema: _uiSchema,
  registry: _registry,
  ...button
}: Props & { label: string; symbol: string; danger?: boolean }) {
  return (
    <button
      type="button"
      className={`afr-list-button${danger ? ' afr-list-button--danger' : ''}${className ? ` ${className}` : ''}`}
      {...button}
    >
      <span aria-hidden="true">{symbol}</span> {label}
    </button>
  );
}

export const listButtonTemplates = {
  AddButton: (props: Props) => <TextButton {...props} label="Add entry" symbol="+" />,
  CopyButton: (props: Props) => <TextButton {...props} label="Copy" symbol="⧉" />,
  MoveUpButton: (props: Props) => <TextButton {...props} label="Move up" symbol="↑" />,
  MoveDownButton: (props: Props) => <TextButton {...props} label="Move down" symbol="↓" />,
  RemoveButton: (props: Props) => <TextButton {...props} label="Remove" symbol="×" danger />,
};
