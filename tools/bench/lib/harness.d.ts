// Types of harness.js for the TypeScript callers (tests/reliability).
export const ROOT: string;
export const API_MAIN: string;
export interface ApiProcessHandle {
  label: string;
  child: import('node:child_process').ChildProcess;
  pid: number;
  port: number;
  baseUrl: string;
  readyMs: number;
  lines: string[];
  output(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: string | null }>;
}
export interface JsonResponse {
  status: number;
  body: any;
}
export interface BoundClient {
  token: string;
  user: { id: string; email: string; [key: string]: unknown };
  request(method: string, path: string, body?: unknown): Promise<JsonResponse>;
  get(path: string): Promise<JsonResponse>;
  post(path: string, body?: unknown): Promise<JsonResponse>;
  call(method: string, path: string, body?: unknown, expected?: number[]): Promise<any>;
}
export function parseArgs<T extends Record<string, unknown>>(
  defaults: T,
  argv?: string[],
): T & Record<string, unknown>;
export function freePort(): Promise<number>;
export function requireBuiltApi(): void;
export function requireServerUrl(url: string | undefined): string;
export function createDatabase(
  serverUrl: string | undefined,
  prefix: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }>;
export function startApi(options?: {
  env?: Record<string, string>;
  nodeArgs?: string[];
  healthTimeoutMs?: number;
  label?: string;
}): Promise<ApiProcessHandle>;
export function waitForHealth(baseUrl: string, timeoutMs: number, exited?: Promise<unknown>): Promise<void>;
export function request(
  method: string,
  url: string,
  body?: unknown,
  token?: string,
  timeoutMs?: number,
): Promise<JsonResponse>;
export function client(baseUrl: string, token: string): BoundClient;
export function login(baseUrl: string, email: string, password?: string): Promise<BoundClient>;
export function rssMb(pid: number): number | undefined;
export function sleep(ms: number): Promise<void>;
export function percentile(values: number[], p: number): number | null;
export function median(values: number[]): number | null;
export function round(x: number | null | undefined, digits?: number): number;
export function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]>;
export function log(message: string): void;
