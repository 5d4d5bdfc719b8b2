import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { ariaDescribedByIds, type Widget, type WidgetProps } from '@rjsf/utils';
import {
  rendererContextOf,
  useDataSourceOptions,
  type DataSourceOption,
  type OptionSourceName,
} from '../data-sources';

const NOUNS: Record<OptionSourceName, string> = {
  users: 'user',
  groups: 'group',
  roles: 'role',
  controls: 'control',
  aiSystems: 'AI system',
};

function matches(option: DataSourceOption, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [option.id, option.title, option.subtitle ?? ''].some((text) => text.toLowerCase().includes(q));
}

function optionText(option: DataSourceOption): string {
  return option.subtitle ? `${option.title} — ${option.subtitle}` : option.title;
}

/**
 * A searchable picker over one data source: a filter box above a native select, so it stays
 * keyboard- and screen-reader-friendly without a custom combobox. Stores the option's `id`
 * (an array of ids when RJSF renders it for an array schema).
 */
function EntityPicker({ source, props }: { source: OptionSourceName; props: WidgetProps }) {
  const {
    id,
    htmlName,
    value,
    required,
    disabled,
    readonly,
    autofocus,
    multiple,
    label,
    onChange,
    onBlur,
    onFocus,
    registry,
    rawErrors,
    placeholder,
  } = props;
  const { dataSources } = rendererContextOf(registry.formContext);
  const state = useDataSourceOptions(dataSources[source]);
  const [query, setQuery] = useState('');
  const statusId = useId();
  const noun = NOUNS[source];
  const selected: string[] = multiple ? (Array.isArray(value) ? value : []) : value ? [String(value)] : [];

  const visible = useMemo(() => {
    const byId = new Map(state.options.map((o) => [o.id, o]));
    const shown = state.options.filter((o) => matches(o, query));
    // A selected entry must stay in the list, or the select would silently drop it.
    for (const sel of selected) {
      if (!shown.some((o) => o.id === sel)) shown.unshift(byId.get(sel) ?? { id: sel, title: sel });
    }
    return shown;
  }, [state.options, query, selected.join('\u0000')]);

  const locked = disabled || readonly;
  const describedBy = [ariaDescribedByIds(id), statusId].join(' ');

  if (state.status === 'unavailable') {
    // No source wired (e.g. a preview without an API): still let the form be filled in by id.
    return (
      <input
        id={id}
        name={htmlName ?? id}
        className="afr-input"
        type="text"
        value={multiple ? selected.join(', ') : (value ?? '')}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        placeholder={placeholder || `${noun} id`}
        aria-describedby={ariaDescribedByIds(id)}
        aria-invalid={rawErrors?.length ? true : undefined}
        onChange={(e) => {
          const text = e.target.value;
          if (multiple)
            onChange(
              text
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            );
          else onChange(text === '' ? undefined : text);
        }}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
    );
  }

  const handleSelect = (event: ChangeEvent<HTMLSelectElement>) => {
    if (multiple) {
      onChange(Array.from(event.target.selectedOptions, (o) => o.value));
    } else {
      onChange(event.target.value === '' ? undefined : event.target.value);
    }
  };

  return (
    <div className="afr-picker" data-picker={source}>
      <input
        type="search"
        className="afr-input afr-picker__search"
        aria-label={`Search ${label || noun}`}
        aria-controls={id}
        placeholder={`Search ${noun}s…`}
        value={query}
        disabled={locked}
        onChange={(e) => setQuery(e.target.value)}
      />
      <select
        id={id}
        name={htmlName ?? id}
        className="afr-input afr-picker__select"
        multiple={multiple}
        value={multiple ? selected : (selected[0] ?? '')}
        required={required}
        disabled={locked}
        autoFocus={autofocus}
        aria-describedby={describedBy}
        aria-invalid={rawErrors?.length ? true : undefined}
        aria-busy={state.status === 'loading' || undefined}
        onChange={handleSelect}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      >
        {!multiple && <option value="">{placeholder || `Choose a ${noun}…`}</option>}
        {visible.map((o) => (
          <option key={o.id} value={o.id}>
            {optionText(o)}
          </option>
        ))}
      </select>
      <span id={statusId} className="afr-picker__status" role="status">
        {state.status === 'loading' && `Loading ${noun}s…`}
        {state.status === 'error' && `Could not load ${noun}s: ${state.message}`}
        {state.status === 'ready' && query && `${visible.length} matching`}
      </span>
    </div>
  );
}

/** Builds the RJSF widget that picks from the named data source. */
export function createEntityPickerWidget(source: OptionSourceName): Widget {
  const PickerWidget = (props: WidgetProps) => <EntityPicker source={source} props={props} />;
  PickerWidget.displayName = `EntityPicker(${source})`;
  return PickerWidget;
}

export const UserWidget = createEntityPickerWidget('users');
export const GroupWidget = createEntityPickerWidget('groups');
export const RoleWidget = createEntityPickerWidget('roles');
export const ControlWidget = createEntityPickerWidget('controls');
export const AiSystemWidget = createEntityPickerWidget('aiSystems');
