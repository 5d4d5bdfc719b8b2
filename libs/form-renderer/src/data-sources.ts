import { createContext, useContext, useEffect, useRef, useState } from 'react';

/** One choosable thing offered by a data source (a user, a group, an Annex A control, …). */
export interface DataSourceOption {
  id: string;
  title: string;
  /** A second line to tell similar entries apart, e.g. a user's e-mail. */
  subtitle?: string;
}

/** What `uploadFile` resolves to; this object is what the form stores as the field's value. */
export interface UploadedFile {
  sha256: string;
  name: string;
  size: number;
  type: string;
}

/**
 * Where pickers get their options and attachments go. The web app wires these to its API;
 * the renderer itself never does network I/O.
 */
export interface FormDataSources {
  users?: () => Promise<DataSourceOption[]>;
  groups?: () => Promise<DataSourceOption[]>;
  roles?: () => Promise<DataSourceOption[]>;
  controls?: () => Promise<DataSourceOption[]>;
  aiSystems?: () => Promise<DataSourceOption[]>;
  uploadFile?: (file: File) => Promise<UploadedFile>;
}

export type OptionSourceName = 'users' | 'groups' | 'roles' | 'controls' | 'aiSystems';

const DataSourcesContext = createContext<FormDataSources>({});

/** Supplies data sources to every `FormRenderer` below it (a `dataSources` prop wins). */
export const FormDataSourcesProvider = DataSourcesContext.Provider;

/** The data sources from the nearest `FormDataSourcesProvider`. */
export function useFormDataSources(): FormDataSources {
  return useContext(DataSourcesContext);
}

export type OptionsState =
  | { status: 'unavailable'; options: DataSourceOption[] }
  | { status: 'loading'; options: DataSourceOption[] }
  | { status: 'ready'; options: DataSourceOption[] }
  | { status: 'error'; options: DataSourceOption[]; message: string };

/**
 * Loads the options of one data source once per mount (an app passing a fresh arrow function on
 * every render must not cause a reload loop), ignoring answers that arrive after unmount.
 */
export function useDataSourceOptions(load: (() => Promise<DataSourceOption[]>) | undefined): OptionsState {
  const loadRef = useRef(load);
  loadRef.current = load;
  const available = Boolean(load);
  const [state, setState] = useState<OptionsState>(
    available ? { status: 'loading', options: [] } : { status: 'unavailable', options: [] },
  );
  useEffect(() => {
    const loader = loadRef.current;
    if (!loader) {
      setState({ status: 'unavailable', options: [] });
      return;
    }
    let current = true;
    setState({ status: 'loading', options: [] });
    loader().then(
      (options) => {
        if (current) setState({ status: 'ready', options });
      },
      (error: unknown) => {
        if (current) {
          const message = error instanceof Error ? error.message : String(error);
          setState({ status: 'error', options: [], message });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [available]);
  return state;
}

/** What FormRenderer hands its widgets through RJSF's `formContext`. */
export interface RendererFormContext {
  dataSources: FormDataSources;
  /** Largest attachment accepted by the file field, in bytes. */
  maxFileSize: number;
}

/** Reads the renderer's context from an RJSF registry's formContext, tolerating its absence. */
export function rendererContextOf(formContext: unknown): RendererFormContext {
  const ctx = (formContext ?? {}) as Partial<RendererFormContext>;
  return { dataSources: ctx.dataSources ?? {}, maxFileSize: ctx.maxFileSize ?? DEFAULT_MAX_FILE_SIZE };
}

/** 25 MiB: enough for a scanned policy or an audit report, small enough to keep uploads snappy. */
export const DEFAULT_MAX_FILE_SIZE = 25 * 1024 * 1024;
