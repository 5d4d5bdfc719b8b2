import { useState, type ChangeEvent } from 'react';
import { ariaDescribedByIds, getUiOptions, type FieldProps } from '@rjsf/utils';
import { rendererContextOf, type UploadedFile } from '../data-sources';
import { FieldDescription, fieldLabel, formatBytes } from './field-chrome';

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && 'sha256' in value && 'name' in value;
}

type UploadState =
  { status: 'idle' } | { status: 'uploading'; name: string } | { status: 'error'; message: string };

/**
 * Attaches evidence: the chosen file goes to `dataSources.uploadFile`, and the form stores only
 * the returned `{sha256, name, size, type}` (an array of them when the schema is an array).
 * Files over the size limit (the renderer's `maxFileSize`, or a smaller `ui:options.maxSize`)
 * are refused before any upload starts.
 */
export function FileField(props: FieldProps) {
  const {
    fieldPathId,
    formData,
    schema,
    uiSchema,
    registry,
    disabled,
    readonly,
    required,
    onChange,
    rawErrors,
  } = props;
  const id = fieldPathId.$id;
  const { dataSources, maxFileSize } = rendererContextOf(registry.formContext);
  const { maxSize, accept } = getUiOptions(uiSchema);
  const limit = typeof maxSize === 'number' ? Math.min(maxSize, maxFileSize) : maxFileSize;
  const multiple = schema.type === 'array';
  const files: UploadedFile[] = (multiple ? (Array.isArray(formData) ? formData : []) : [formData]).filter(
    isUploadedFile,
  );
  const [upload, setUpload] = useState<UploadState>({ status: 'idle' });
  const statusId = `${id}__upload-status`;
  const locked = disabled || readonly || upload.status === 'uploading';

  const commit = (next: UploadedFile[]) => onChange(multiple ? next : next[0], fieldPathId.path);

  const handleChoose = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const chosen = Array.from(input.files ?? []);
    input.value = '';
    if (chosen.length === 0) return;
    const tooBig = chosen.find((f) => f.size > limit);
    if (tooBig) {
      setUpload({
        status: 'error',
        message: `${tooBig.name} is ${formatBytes(tooBig.size)}; the limit is ${formatBytes(limit)}.`,
      });
      return;
    }
    if (!dataSources.uploadFile) {
      setUpload({ status: 'error', message: 'File upload is not available here.' });
      return;
    }
    try {
      const uploaded: UploadedFile[] = [];
      for (const file of chosen) {
        setUpload({ status: 'uploading', name: file.name });
        uploaded.push(await dataSources.uploadFile(file));
      }
      setUpload({ status: 'idle' });
      commit(multiple ? [...files, ...uploaded] : uploaded.slice(-1));
    } catch (error) {
      setUpload({
        status: 'error',
        message: `Upload failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };

  const label = fieldLabel(props);
  return (
    <div className="afr-file">
      <label className="control-label" htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      <FieldDescription props={props} />
      {/* Read-only (a submission shown for approval or as done): the files, not a chooser. */}
      {!readonly && (
        <>
          <input
            id={id}
            type="file"
            className="afr-file__input"
            multiple={multiple}
            accept={typeof accept === 'string' ? accept : undefined}
            disabled={locked}
            aria-required={required || undefined}
            aria-invalid={rawErrors?.length ? true : undefined}
            aria-describedby={`${ariaDescribedByIds(id)} ${statusId}`}
            onChange={handleChoose}
          />
          <div className="afr-file__hint">Up to {formatBytes(limit)} per file.</div>
        </>
      )}
      {readonly && files.length === 0 && <div className="afr-file__hint">No file attached.</div>}
      {files.length > 0 && (
        <ul className="afr-file__list" aria-label={`Attached to ${label}`}>
          {files.map((file) => (
            <li key={file.sha256} className="afr-file__item">
              <span className="afr-file__name">{file.name}</span>{' '}
              <span className="afr-file__size">({formatBytes(file.size)})</span>
              {!disabled && !readonly && (
                <button
                  type="button"
                  className="afr-button afr-button--link"
                  aria-label={`Remove ${file.name}`}
                  onClick={() => commit(files.filter((f) => f !== file))}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div
        id={statusId}
        className={upload.status === 'error' ? 'afr-file__error' : 'afr-file__status'}
        role={upload.status === 'error' ? 'alert' : 'status'}
      >
        {upload.status === 'uploading' && `Uploading ${upload.name}…`}
        {upload.status === 'error' && upload.message}
      </div>
    </div>
  );
}
