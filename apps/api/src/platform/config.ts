import { parseIsoDuration } from '@aimsflow/engine';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Runtime settings, read and validated once at start (`loadConfig`); every variable is documented
 * in the README. Nothing else in the API reads `process.env`: services inject APP_CONFIG.
 */
export interface AppConfig {
  port: number;
  /** A PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string;
  /**
   * PostgreSQL only: the owner role's URL. When set, migrations run as this role and the API's own
   * role (DATABASE_URL) is granted only what it needs: it can append to the audit trail but never
   * change or remove it.
   */
  databaseOwnerUrl?: string;
  /**
   * Connections to a PostgreSQL server per API process. Small on purpose: past about two per core,
   * more connections only make the server's backends compete, and throughput falls as clients grow.
   */
  databasePoolSize: number;
  dataDir: string;
  /** The packed migrated empty database a new `dataDir` starts from; else found beside the build. */
  databaseTemplate?: string;
  webDist: string;
  seedDemo: boolean;
  /** Start the demo organisation's programme when it is first seeded (off under the test runner by default). */
  demoProgramme: boolean;
  admin?: { email: string; password: string };
  logRequests: boolean;
  /** The pino level of the JSON logs (LOG_LEVEL); `silent` by default under the test runner. */
  logLevel: LogLevel;
  /**
   * Express `trust proxy` (TRUST_PROXY): whose X-Forwarded-For to believe. Off by default, so a
   * client cannot pick its own address; `true`, a number of hops, or a list of addresses/subnets.
   */
  trustProxy: boolean | number | string;
  /** Absolute lifetime of a session, however busy. */
  sessionTtlHours: number;
  /** A session unused for longer than this ends (401). */
  sessionIdleMinutes: number;
  /** Requests one signed-in user may make per minute to one API process; 0 turns the limit off. */
  apiRateLimitPerMinute: number;
  secureCookies: boolean;
  /** With a PostgreSQL server: API worker processes sharing the port (the embedded database runs one). */
  apiWorkers: number;
  /** How often due timers are fired; 0 turns polling off. */
  timerPollMs: number;
  /** How often the outbox is delivered; 0 turns polling off. */
  outboxPollMs: number;
  /** How often the daily digest job looks for who is due one; 0 turns it off. */
  digestPollMs: number;
  /** How long before a task's due date its reminder fires (REMINDER_LEAD, ISO 8601). */
  reminderLeadMs: number;
  /** SMTP server for email notifications; without it nothing is emailed. */
  smtpUrl?: string;
  smtpFrom: string;
  /** Interval of the `: ping` comment on every Server-Sent Events stream; 0 turns it off. */
  sseHeartbeatMs: number;
  /** Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints; else `audit-signing-key.pem` in dataDir. */
  auditSigningKey?: string;
  /** How often each organisation's chain heads are sealed in a signed checkpoint; 0 turns it off. */
  auditCheckpointMs: number;
  /** Background jobs (timers, outbox messages): failed attempts before a job is dead. */
  jobMaxAttempts: number;
  /** Background jobs: the longest wait between two attempts (the backoff doubles up to this). */
  jobBackoffMaxMs: number;
  /** Outbox: how long a process may take to deliver a claimed message before another one may retry it. */
  outboxLeaseMs: number;
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A bad configuration: `issues` names each bad variable; `message` is one line for the operator. */
export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable} ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

// setInterval and setTimeout take at most 2^31 - 1 ms.
const MAX_TIMER_MS = 2_147_483_647;

/** An unset or empty variable means "the default". */
const raw = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

function refuse(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** A whole number (digits only: no sign, unit, fraction or exponent) in [min, max]. */
function integer(what: string, min: number, max: number, fallback: number) {
  const expected =
    max === MAX_TIMER_MS || max === Number.MAX_SAFE_INTEGER
      ? `a whole number of ${what} ≥ ${min}`
      : `a whole number of ${what} from ${min} to ${max}`;
  return raw.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) return refuse(ctx, `must be ${expected} (got "${v}")`);
    return n;
  });
}

function boolean(fallback: boolean) {
  return raw.transform((v, ctx) => {
    if (v === undefined) return fallback;
    if (v === 'true' || v === 'false') return v === 'true';
    return refuse(ctx, `must be true or false (got "${v}")`);
  });
}

function optionalBoolean() {
  return raw.transform((v, ctx): boolean | undefined => {
    if (v === undefined) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    return refuse(ctx, `must be true or false (got "${v}")`);
  });
}

/** A URL of one of `protocols`; the value is not echoed, as it may hold a password. */
function url(protocols: string[]) {
  const expected = `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`;
  return raw.transform((v, ctx) => {
    if (v === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(v);
    } catch {
      return refuse(ctx, `${expected} (got a value that is not a URL)`);
    }
    if (!protocols.includes(parsed.protocol)) return refuse(ctx, `${expected} (got ${parsed.protocol}//…)`);
    if (!parsed.hostname) return refuse(ctx, `${expected} with a host name`);
    return v;
  });
}

const text = raw;
/** Secrets are kept as written (a password may start or end with a space). */
const secret = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const schema = z.object({
  PORT: integer('the TCP port', 0, 65_535, 3000),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_OWNER_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: integer(
    'connections',
    1,
    Number.MAX_SAFE_INTEGER,
    Math.max(4, 2 * os.availableParallelism()),
  ),
  DATA_DIR: text,
  AIMSFLOW_DB_TEMPLATE: text,
  WEB_DIST: text,
  AIMSFLOW_SEED_DEMO: boolean(true),
  AIMSFLOW_DEMO_PROGRAMME: optionalBoolean(),
  AIMSFLOW_ADMIN_EMAIL: raw.transform((v, ctx) =>
    v === undefined || /^[^@\s]+@[^@\s]+$/.test(v) ? v : refuse(ctx, `must be an email address (got "${v}")`),
  ),
  AIMSFLOW_ADMIN_PASSWORD: secret,
  TRUST_PROXY: raw.transform((v, ctx): boolean | number | string => {
    if (v === undefined || v === 'false') return false;
    if (v === 'true') return true;
    if (/^\d+$/.test(v)) return Number(v);
    if (/^[\w.:/]+(\s*,\s*[\w.:/]+)*$/.test(v)) return v;
    return refuse(
      ctx,
      `must be true, false, a number of proxy hops or a comma-separated list of addresses/subnets (got "${v}")`,
    );
  }),
  SESSION_TTL_HOURS: integer('hours', 1, 100_000, 12),
  SESSION_IDLE_MINUTES: integer('minutes', 1, 6_000_000, 30),
  API_RATE_LIMIT_PER_MINUTE: integer('requests', 0, 100_000_000, 1200),
  COOKIE_SECURE: boolean(false),
  LOG_REQUESTS: boolean(true),
  LOG_LEVEL: raw.transform((v, ctx): LogLevel | undefined => {
    if (v === undefined) return undefined;
    const level = v.toLowerCase();
    return (LOG_LEVELS as readonly string[]).includes(level)
      ? (level as LogLevel)
      : refuse(ctx, `must be one of ${LOG_LEVELS.join(', ')} (got "${v}")`);
  }),
  API_WORKERS: integer('processes', 1, 1024, 1),
  TIMER_POLL_MS: integer('milliseconds', 0, MAX_TIMER_MS, 1000),
  OUTBOX_POLL_MS: integer('milliseconds', 0, MAX_TIMER_MS, 1000),
  DIGEST_POLL_MS: integer('milliseconds', 0, MAX_TIMER_MS, 3_600_000),
  REMINDER_LEAD: raw.transform((v, ctx) => {
    if (v === undefined) return 86_400_000;
    let ms: number;
    try {
      ms = parseIsoDuration(v);
    } catch {
      return refuse(ctx, `must be an ISO 8601 duration such as P1D or PT4H (got "${v}")`);
    }
    return ms > 0 ? ms : refuse(ctx, `must be an ISO 8601 duration longer than zero (got "${v}")`);
  }),
  SMTP_URL: url(['smtp:', 'smtps:']),
  SMTP_FROM: text,
  SSE_HEARTBEAT_MS: integer('milliseconds', 0, MAX_TIMER_MS, 25_000),
  AUDIT_SIGNING_KEY: secret.transform((v, ctx) =>
    v === undefined || v.includes('-----BEGIN PRIVATE KEY-----')
      ? v
      : refuse(ctx, 'must be a PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----…", \\n for newlines)'),
  ),
  AUDIT_CHECKPOINT_MS: integer('milliseconds', 0, MAX_TIMER_MS, 60_000),
  JOB_MAX_ATTEMPTS: integer('attempts', 1, 1_000_000, 5),
  JOB_BACKOFF_MAX_MS: integer('milliseconds', 0, Number.MAX_SAFE_INTEGER, 3_600_000),
  OUTBOX_LEASE_MS: integer('milliseconds', 1, Number.MAX_SAFE_INTEGER, 300_000),
  NODE_ENV: raw,
});

/**
 * Reads and validates the configuration; throws a ConfigError naming every bad variable.
 * Unset and empty variables take their defaults.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message }));
  const e = parsed.data;
  if (e && !!e.AIMSFLOW_ADMIN_EMAIL !== !!e.AIMSFLOW_ADMIN_PASSWORD) {
    issues.push(
      e.AIMSFLOW_ADMIN_EMAIL
        ? { variable: 'AIMSFLOW_ADMIN_PASSWORD', message: 'must be set together with AIMSFLOW_ADMIN_EMAIL' }
        : { variable: 'AIMSFLOW_ADMIN_EMAIL', message: 'must be set together with AIMSFLOW_ADMIN_PASSWORD' },
    );
  }
  if (!e || issues.length > 0) throw new ConfigError(issues);

  const root = process.cwd();
  // "Under the test runner" is a property of this process, also when a test passes its own env.
  const nodeEnv = e.NODE_ENV ?? process.env.NODE_ENV;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(root, e.DATA_DIR ?? '.data'),
    databaseTemplate: e.AIMSFLOW_DB_TEMPLATE,
    webDist: path.resolve(root, e.WEB_DIST ?? 'dist/apps/web'),
    seedDemo: e.AIMSFLOW_SEED_DEMO,
    demoProgramme: e.AIMSFLOW_DEMO_PROGRAMME ?? (e.AIMSFLOW_SEED_DEMO && nodeEnv !== 'test'),
    admin:
      e.AIMSFLOW_ADMIN_EMAIL && e.AIMSFLOW_ADMIN_PASSWORD
        ? { email: e.AIMSFLOW_ADMIN_EMAIL, password: e.AIMSFLOW_ADMIN_PASSWORD }
        : undefined,
    logRequests: e.LOG_REQUESTS,
    logLevel: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: e.TRUST_PROXY,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    secureCookies: e.COOKIE_SECURE,
    apiWorkers: e.API_WORKERS,
    timerPollMs: e.TIMER_POLL_MS,
    outboxPollMs: e.OUTBOX_POLL_MS,
    digestPollMs: e.DIGEST_POLL_MS,
    reminderLeadMs: e.REMINDER_LEAD,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM ?? 'Aimsflow <no-reply@aimsflow.local>',
    sseHeartbeatMs: e.SSE_HEARTBEAT_MS,
    // A PEM in one environment line usually has its newlines written as "\n".
    auditSigningKey: e.AUDIT_SIGNING_KEY?.replace(/\\n/g, '\n'),
    auditCheckpointMs: e.AUDIT_CHECKPOINT_MS,
    jobMaxAttempts: e.JOB_MAX_ATTEMPTS,
    jobBackoffMaxMs: e.JOB_BACKOFF_MAX_MS,
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
