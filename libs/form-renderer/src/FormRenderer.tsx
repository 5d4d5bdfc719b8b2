import { useMemo } from 'react';
import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type {
  ErrorSchema,
  ErrorTransformer,
  RegistryFieldsType,
  RegistryWidgetsType,
  RJSFSchema,
  UiSchema,
} from '@rjsf/utils';
import { createClientValidator, humanMessage } from '@aimsflow/form-schema';
import {
  DEFAULT_MAX_FILE_SIZE,
  useFormDataSources,
  type FormDataSources,
  type RendererFormContext,
} from './data-sources';
import { stripMarkdownOptions } from './sanitize-ui-schema';
import {
  AiSystemWidget,
  ControlWidget,
  GroupWidget,
  RoleWidget,
  UserWidget,
} from './widgets/EntityPickerWidget';
import { CountedTextareaWidget } from './widgets/CountedTextareaWidget';
import { FileField } from './fields/FileField';
import { RiskMatrixField } from './fields/RiskMatrixField';
import {
  InlineErrorTemplate,
  PlainDataUrlWidget,
  PlainDescriptionField,
  PlainHelpTemplate,
} from './templates/text-templates';
import { listButtonTemplates } from './templates/button-templates';
import './form-renderer.css';

export type FormData = Record<string, unknown>;

export interface FormRendererProps {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  formData?: FormData;
  /** Called with the validated data (values of fields hidden by a condition are left out). */
  onSubmit(data: FormData): void;
  onChange?(data: FormData): void;
  disabled?: boolean;
  readOnly?: boolean;
  submitLabel?: string;
  /** Overrides the sources of a surrounding FormDataSourcesProvider. */
  dataSources?: FormDataSources;
  liveValidate?: boolean;
  /** Largest attachment the file field accepts, in bytes (default 25 MiB). */
  maxFileSize?: number;
  /** Prefix for element ids, to keep two forms on one page apart. */
  idPrefix?: string;
  className?: string;
  /** Errors the server found, shown next to their fields (RJSF `extraErrors`) until the next submit. */
  extraErrors?: ErrorSchema;
}

/** Custom widgets, registered under the `ui:widget` names the form-schema library emits. */
export const rendererWidgets: RegistryWidgetsType = {
  user: UserWidget,
  group: GroupWidget,
  role: RoleWidget,
  control: ControlWidget,
  aiSystem: AiSystemWidget,
  textarea: CountedTextareaWidget,
  TextareaWidget: CountedTextareaWidget,
  FileWidget: PlainDataUrlWidget,
};

/** Custom fields, registered under the `ui:field` names the form-schema library emits. */
export const rendererFields: RegistryFieldsType = {
  file: FileField,
  riskMatrix: RiskMatrixField,
};

const templates = {
  ButtonTemplates: listButtonTemplates,
  DescriptionFieldTemplate: PlainDescriptionField,
  FieldHelpTemplate: PlainHelpTemplate,
  FieldErrorTemplate: InlineErrorTemplate,
};

// Both markdown paths in RJSF 6 (descriptions and help) are keyed off these global options too.
const globalUiOptions = { enableMarkdownInDescription: false, enableMarkdownInHelp: false };

/**
 * The browser's validation errors in the same words as the server's: next to the field the message
 * alone, in the list on top the field's title and the message.
 */
export const humaniseErrors: ErrorTransformer = (errors) =>
  errors.map((error) => {
    if (!error.name) return error;
    const message = humanMessage(error.name, (error.params ?? {}) as Record<string, unknown>);
    return { ...error, message, stack: error.title ? `${error.title}: ${message}` : message };
  });

// One validator per JSON Schema draft: building an ajv instance is costly, forms are many.
const validators = new Map<string, ReturnType<typeof createClientValidator>>();
function clientValidatorFor(schema: Record<string, unknown>) {
  const key = typeof schema.$schema === 'string' ? schema.$schema : '';
  let validator = validators.get(key);
  if (!validator) {
    validator = createClientValidator(schema);
    validators.set(key, validator);
  }
  return validator;
}

/** Renders a published JSON-Schema form with the product's widgets and a plain-CSS theme. */
export function FormRenderer(props: FormRendererProps) {
  const {
    schema,
    uiSchema,
    formData,
    onSubmit,
    onChange,
    disabled,
    readOnly,
    submitLabel = 'Submit',
    liveValidate,
    idPrefix,
    className,
    extraErrors,
  } = props;
  const inherited = useFormDataSources();
  const dataSources = props.dataSources ?? inherited;
  const maxFileSize = props.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const formContext = useMemo<RendererFormContext>(
    () => ({ dataSources, maxFileSize }),
    [dataSources, maxFileSize],
  );
  const validator = useMemo(() => clientValidatorFor(schema), [schema]);
  const safeUiSchema = useMemo(() => {
    const stripped = stripMarkdownOptions(uiSchema ?? {});
    const existingGlobals = (stripped['ui:globalOptions'] as Record<string, unknown> | undefined) ?? {};
    const submitOptions = { ...((stripped['ui:submitButtonOptions'] as Record<string, unknown>) ?? {}) };
    submitOptions.submitText = submitLabel;
    if (readOnly) submitOptions.norender = true;
    return {
      ...stripped,
      'ui:globalOptions': { ...existingGlobals, ...globalUiOptions },
      'ui:submitButtonOptions': submitOptions,
    } as UiSchema;
  }, [uiSchema, submitLabel, readOnly]);

  return (
    <div className={`afr-form${className ? ` ${className}` : ''}`}>
      <Form
        schema={schema as RJSFSchema}
        uiSchema={safeUiSchema}
        formData={formData}
        validator={validator}
        widgets={rendererWidgets}
        fields={rendererFields}
        templates={templates}
        formContext={formContext}
        disabled={disabled}
        readonly={readOnly}
        idPrefix={idPrefix}
        extraErrors={extraErrors}
        transformErrors={humaniseErrors}
        // A `const: true` attestation starts unticked: people attest by acting (UX review H2).
        experimental_defaultFormStateBehavior={{ constAsDefaults: 'never' }}
        liveValidate={liveValidate ? 'onChange' : undefined}
        noHtml5Validate
        showErrorList="top"
        focusOnFirstError
        omitExtraData
        onChange={
          onChange ? (event: IChangeEvent) => onChange((event.formData ?? {}) as FormData) : undefined
        }
        // Errors are shown next to their fields and listed on top; RJSF would also console.error them.
        onError={() => undefined}
        onSubmit={(event: IChangeEvent) => onSubmit((event.formData ?? {}) as FormData)}
      />
    </div>
  );
}
