import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { AuditCheckpointer } from '../audit/audit-checkpointer.service';
import {
  AUDIT_SIGNING_KEY,
  generateAuditSigningKeyPem,
  type AuditSigningKey,
} from '../audit/audit-signing-key';
import { verifyAuditTrail, type TrailReport } from '../audit/audit-verifier';
import { hashPassword } from '../identity/auth/password';
import { Organization } from '../identity/organization.entity';
import type { Role } from '../identity/roles';
import { DEMO_PASSWORD } from '../identity/seed.service';
import { User } from '../identity/user.entity';
import { loadConfig, type LogLevel } from '../platform/config';
import { Database } from '../platform/database/database';

/**
 * A real server for integration tests: a fresh database per test file (a new database on the
 * DATABASE_URL server when it is set, else an in-memory PGlite), migrated and demo-seeded, on a free port.
 */
export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  dataSource: DataSource;
  driver: 'postgres' | 'pglite';
  /** Signs in and returns a client that sends the session cookie. */
  login(email: string, password?: string): Promise<ApiClient>;
  anonymous(): ApiClient;
  /** Verifies the audit trail of every organisation with the app's own checkpoint key. */
  verifyAudit(): Promise<TrailReport[]>;
  /** Seals every organisation's chain heads in a signed checkpoint now. */
  checkpoint(): Promise<number>;
  close(): Promise<void>;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The header the web app sends on every call; the API refuses cookie writes without it (CSRF). */
export const CSRF_HEADERS = { 'x-requested-with': 'aimsflow' } as const;

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly cookie?: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...CSRF_HEADERS,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? safeJson(text) : undefined,
      headers: res.headers,
    } as ApiResponse<T>;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface TestAppOptions {
  /**
   * PostgreSQL only: migrate as the owner (DATABASE_URL's role) and run the API as a new
   * application role of its own, as production is set up (README, "Database roles").
   */
  applicationRole?: boolean;
  /** The JSON logs go here (at `logLevel`, default info) instead of being silent: logging tests read them. */
  logDestination?: DestinationStream;
  logLevel?: LogLevel;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const serverUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let databaseOwnerUrl: string | undefined;
  let dropDatabase = async () => {};
  if (serverUrl) {
    const name = `aimsflow_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    const appRole = options.applicationRole ? `${name}_app` : undefined;
    if (appRole) {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`CREATE ROLE ${appRole} LOGIN PASSWORD 'app'`);
      await c.query(`GRANT CONNECT ON DATABASE ${name} TO ${appRole}`);
      await c.end();
      databaseOwnerUrl = databaseUrl;
      const app = new URL(databaseUrl);
      app.username = appRole;
      app.password = 'app';
      databaseUrl = app.toString();
    }
    dropDatabase = async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        // FORCE may meet an autovacuum worker it is not allowed to stop; it is gone a moment later.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (error) {
            if (attempt === 5) throw error;
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
        if (appRole) await c.query(`DROP ROLE IF EXISTS ${appRole}`);
      } finally {
        await c.end();
      }
    };
  }
  // The environment's settings (specs set e.g. TIMER_POLL_MS=0 before starting), then the test's own.
  const config = {
    ...loadConfig(process.env),
    databaseUrl,
    databaseOwnerUrl,
    logRequests: true,
    // Quiet under jest (LOG_LEVEL's test default) unless a test captures the logs.
    ...(options.logDestination ? { logLevel: options.logLevel ?? 'info' } : {}),
    webDist: '/nonexistent',
    seedDemo: true,
    // Each test app signs with a key of its own; tests seal checkpoints when they want one.
    auditSigningKey: generateAuditSigningKeyPem(),
    auditCheckpointMs: 0,
  };
  const database = await Database.open({ ...config, inMemory: true });
  const { app } = await createApp(config, { database, logDestination: options.logDestination });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    dataSource: database.dataSource,
    driver: database.driver,
    anonymous: () => new ApiClient(baseUrl),
    verifyAudit: () =>
      verifyAuditTrail(database.dataSource, {
        trustedKeys: [app.get<AuditSigningKey>(AUDIT_SIGNING_KEY).publicKey],
      }),
    checkpoint: () => app.get(AuditCheckpointer).sealAll(),
    async login(email: string, password = DEMO_PASSWORD) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...CSRF_HEADERS },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return new ApiClient(baseUrl, cookie);
    },
    async close() {
      await app.close();
      await database.close();
      await dropDatabase();
    },
  };
}

/** A second tenant with one user per given role (password DEMO_PASSWORD), for isolation tests. */
export async function createOrganization(
  dataSource: DataSource,
  slug: string,
  users: { email: string; roles: Role[] }[],
): Promise<{ organization: Organization; users: User[] }> {
  const organization = await dataSource.getRepository(Organization).save({ name: `Org ${slug}`, slug });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const saved = await dataSource
    .getRepository(User)
    .save(users.map((u) => ({ ...u, name: u.email, organizationId: organization.id, passwordHash })));
  return { organization, users: saved };
}
