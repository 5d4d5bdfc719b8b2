import os from 'node:os';
import path from 'node:path';

/** Runtime settings, read once from the environment; every variable is documented in the README. */
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
  webDist: string;
  seedDemo: boolean;
  admin?: { email: string; password: string };
  logRequests: boolean;
  sessionTtlHours: number;
  secureCookies: boolean;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = process.cwd();
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
    databasePoolSize: Number(env.DATABASE_POOL_SIZE ?? Math.max(4, 2 * os.availableParallelism())),
    dataDir: path.resolve(root, env.DATA_DIR ?? '.data'),
    webDist: path.resolve(root, env.WEB_DIST ?? 'dist/apps/web'),
    seedDemo: env.AIMSFLOW_SEED_DEMO !== 'false',
    admin:
      env.AIMSFLOW_ADMIN_EMAIL && env.AIMSFLOW_ADMIN_PASSWORD
        ? { email: env.AIMSFLOW_ADMIN_EMAIL, password: env.AIMSFLOW_ADMIN_PASSWORD }
        : undefined,
    logRequests: env.LOG_REQUESTS !== 'false',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    secureCookies: env.COOKIE_SECURE === 'true',
    // A PEM in one environment line usually has its newlines written as "\n".
    auditSigningKey: env.AUDIT_SIGNING_KEY ? env.AUDIT_SIGNING_KEY.replace(/\\n/g, '\n') : undefined,
    auditCheckpointMs: Number(env.AUDIT_CHECKPOINT_MS ?? 60_000),
    jobMaxAttempts: Number(env.JOB_MAX_ATTEMPTS ?? 5),
    jobBackoffMaxMs: Number(env.JOB_BACKOFF_MAX_MS ?? 3_600_000),
    outboxLeaseMs: Number(env.OUTBOX_LEASE_MS ?? 300_000),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
