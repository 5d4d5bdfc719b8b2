import { existsSync } from 'node:fs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

// Plain CommonJS helpers shared with the benchmarks (spawning the built API, fresh databases, HTTP).
import * as harness from '../../tools/bench/lib/harness.js';

export interface ApiProcess {
  label: string;
  pid: number;
  port: number;
  baseUrl: string;
  readyMs: number;
  lines: string[];
  output(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: string | null }>;
}

export interface HttpClient {
  token: string;
  user: { id: string; email: string };
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body?: unknown): Promise<{ status: number; body: any }>;
  call(method: string, path: string, body?: unknown, expected?: number[]): Promise<any>;
}

export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export const SERVER_URL = process.env.DATABASE_URL;
export const API_BUILT = existsSync(harness.API_MAIN);

/** `describe` when a PostgreSQL server and the built API are available, else `describe.skip` saying why. */
export function describeWithServer(name: string, body: () => void): void {
  if (!SERVER_URL || !API_BUILT) {
    const why = !SERVER_URL
      ? 'DATABASE_URL is not set (the reliability suite needs a real PostgreSQL server)'
      : `${harness.API_MAIN} is missing (run \`npm run build:api\`)`;
    describe.skip(`${name} — SKIPPED: ${why}`, body);
    return;
  }
  describe(name, body);
}

export const createDatabase = (prefix: string): Promise<FreshDatabase> =>
  harness.createDatabase(SERVER_URL, prefix);

export const startApi = (options: {
  env?: Record<string, string>;
  label?: string;
  healthTimeoutMs?: number;
}): Promise<ApiProcess> => harness.startApi(options);

export const login = (baseUrl: string, email: string): Promise<HttpClient> => harness.login(baseUrl, email);

export const mapLimit: <T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
) => Promise<R[]> = harness.mapLimit;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

export async function scalar<T = number>(db: Client, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.query(sql, params);
  const v = Object.values(rows[0])[0];
  return (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v) as T;
}

/** Polls until `check` returns true; throws with `describe()` after `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => Promise<string> | string,
  everyMs = 100,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await sleep(everyMs);
  }
}

/** Just enough of a TypeORM DataSource (`query`, `transaction`) for `verifyAuditTrail`, over a plain pg client. */
export function queryable(db: Client): DataSource {
  const query = async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows;
  return {
    query,
    async transaction(level: string, work: (tx: { query: typeof query }) => Promise<unknown>) {
      await db.query(`BEGIN ISOLATION LEVEL ${level} READ ONLY`);
      try {
        return await work({ query });
      } finally {
        await db.query('COMMIT');
      }
    },
  } as unknown as DataSource;
}

/** Durations of the suite's phases, printed at the end of each file. */
export class Phases {
  private readonly rows: [string, number][] = [];
  private last = Date.now();
  /** Starts the clock (call in beforeAll: describe bodies run at collection time). */
  start(): void {
    this.last = Date.now();
  }
  mark(name: string): void {
    const now = Date.now();
    this.rows.push([name, now - this.last]);
    this.last = now;
  }
  print(title: string): void {
    process.stdout.write(
      `\n${title}\n${this.rows.map(([n, ms]) => `  ${n.padEnd(48)} ${String(ms).padStart(7)} ms`).join('\n')}\n`,
    );
  }
}
