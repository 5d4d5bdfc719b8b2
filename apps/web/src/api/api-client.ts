import type { ProblemBody, ProblemFieldError } from './api-types';

/**
 * A failed API call, read from the server's RFC 9457 problem+json: `status`, `title` (the status
 * phrase), `detail` (also `message`), the bad fields in `errors` (JSON Pointers into the request
 * body, `/query/<name>` for a query parameter) and a machine-readable `code` when the server sent one.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: ProblemFieldError[] = [],
    readonly code?: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat a 401 as "session over" (login and session probe expect it). */
  allowUnauthorized?: boolean;
}

export interface RawRequestOptions {
  body?: BodyInit;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called when any call not marked `allowUnauthorized` gets a 401: the session has ended. */
  onUnauthorized?: () => void;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /**
   * A call whose body or answer is not JSON (an evidence pack up or down): the Response itself,
   * after the same CSRF header, 401 handling and error conversion as every other call.
   */
  raw(method: string, path: string, options?: RawRequestOptions): Promise<Response>;
  /** Replace the 401 handler (the auth provider installs one that returns to the login page). */
  setUnauthorizedHandler(handler: (() => void) | undefined): void;
}

/** Builds `path?query`, leaving out null/undefined/empty values. */
export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Sent on every call: the API refuses a state change authenticated by the session cookie without it,
 * and a page of another origin cannot add it (CSRF defence, README "Security").
 */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'aimsflow';

/** A JSON API client that sends the session cookie and turns failures into ApiError. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '/api';
  let onUnauthorized = options.onUnauthorized;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      [CSRF_HEADER]: CSRF_HEADER_VALUE,
    };
    const init: RequestInit = { method, headers, credentials: 'same-origin', signal: opts.signal };
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }
    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path, opts.query), init);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'Network Error', 'Cannot reach the server. Check your connection and try again.');
    }
    if (response.status === 401 && !opts.allowUnauthorized) onUnauthorized?.();
    if (!response.ok) throw await toApiError(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function raw(method: string, path: string, opts: RawRequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: opts.accept ?? '*/*',
      [CSRF_HEADER]: CSRF_HEADER_VALUE,
    };
    if (opts.contentType) headers['Content-Type'] = opts.contentType;
    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path), {
        method,
        headers,
        credentials: 'same-origin',
        signal: opts.signal,
        body: opts.body,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'Network Error', 'Cannot reach the server. Check your connection and try again.');
    }
    if (response.status === 401) onUnauthorized?.();
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  return {
    request,
    raw,
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
    delete: (path, opts) => request('DELETE', path, opts),
    setUnauthorizedHandler(handler) {
      onUnauthorized = handler;
    },
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ProblemBody> | undefined;
  try {
    body = (await response.json()) as Partial<ProblemBody>;
  } catch {
    body = undefined;
  }
  return problemToApiError(response.status, response.statusText, body);
}

/** An ApiError from a problem+json body (or whatever came instead: then status-based defaults). */
export function problemToApiError(status: number, statusText: string, body: unknown): ApiError {
  const problem = (body && typeof body === 'object' ? body : {}) as Partial<ProblemBody>;
  const detail =
    typeof problem.detail === 'string' && problem.detail
      ? problem.detail
      : defaultMessage(status, statusText);
  const errors = Array.isArray(problem.errors)
    ? problem.errors
        .filter((e): e is ProblemFieldError => !!e && typeof e === 'object' && typeof e.pointer === 'string')
        .map((e) => ({ pointer: e.pointer, message: String(e.message ?? '') }))
    : [];
  return new ApiError(
    status,
    typeof problem.title === 'string' ? problem.title : statusText,
    detail,
    errors,
    typeof problem.code === 'string' ? problem.code : undefined,
  );
}

function defaultMessage(status: number, statusText: string): string {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Please try again.';
  return statusText || `Request failed (${status})`;
}

/** The app's shared client. */
export const api = createApiClient();

/** A user-facing message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return 'Something went wrong.';
}
