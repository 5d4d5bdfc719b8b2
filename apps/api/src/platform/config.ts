import path from 'node:path';

/** Runtime settings, read once from the environment; every variable is documented in the README. */
export interface AppConfig {
  port: number;
  /** A PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  webDist: string;
  seedDemo: boolean;
  admin?: { email: string; password: string };
  logRequests: boolean;
  sessionTtlHours: number;
  secureCookies: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = process.cwd();
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
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
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
