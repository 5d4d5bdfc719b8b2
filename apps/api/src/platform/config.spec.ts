import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';

function refused(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      databaseUrl: undefined,
      databaseOwnerUrl: undefined,
      databasePoolSize: Math.max(4, 2 * os.availableParallelism()),
      dataDir: path.resolve('.data'),
      databaseTemplate: undefined,
      webDist: path.resolve('dist/apps/web'),
      seedDemo: true,
      demoProgramme: false, // never by default under the test runner (NODE_ENV=test)
      admin: undefined,
      logRequests: true,
      logLevel: 'silent', // quiet under the test runner; `info` otherwise
      trustProxy: false,
      sessionTtlHours: 12,
      sessionIdleMinutes: 30,
      apiRateLimitPerMinute: 1200,
      secureCookies: false,
      apiWorkers: 1,
      timerPollMs: 1000,
      outboxPollMs: 1000,
      digestPollMs: 3_600_000,
      reminderLeadMs: 86_400_000,
      smtpUrl: undefined,
      smtpFrom: 'Aimsflow <no-reply@aimsflow.local>',
      sseHeartbeatMs: 25_000,
      auditSigningKey: undefined,
      auditCheckpointMs: 60_000,
      jobMaxAttempts: 5,
      jobBackoffMaxMs: 3_600_000,
      outboxLeaseMs: 300_000,
    });
  });

  it('logs at info outside the test runner', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).logLevel).toBe('info');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ TIMER_POLL_MS: '', DATABASE_URL: '', COOKIE_SECURE: ' ' })).toMatchObject({
      timerPollMs: 1000,
      databaseUrl: undefined,
      secureCookies: false,
    });
  });

  it('reads valid values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://app:secret@db:5432/aimsflow',
      DATABASE_OWNER_URL: 'postgresql://owner:secret@db/aimsflow',
      DATABASE_POOL_SIZE: '8',
      TIMER_POLL_MS: '0',
      OUTBOX_POLL_MS: '250',
      DIGEST_POLL_MS: '60000',
      REMINDER_LEAD: 'PT4H',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      SMTP_FROM: 'ops@example.test',
      API_WORKERS: '4',
      COOKIE_SECURE: 'true',
      LOG_REQUESTS: 'false',
      LOG_LEVEL: 'WARN',
      AIMSFLOW_SEED_DEMO: 'false',
      AIMSFLOW_DEMO_PROGRAMME: 'true',
      AIMSFLOW_ADMIN_EMAIL: 'root@example.test',
      AIMSFLOW_ADMIN_PASSWORD: ' spaced pass ',
      SSE_HEARTBEAT_MS: '1000',
      TRUST_PROXY: '1',
      SESSION_IDLE_MINUTES: '5',
      API_RATE_LIMIT_PER_MINUTE: '0',
      AUDIT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://app:secret@db:5432/aimsflow',
      databaseOwnerUrl: 'postgresql://owner:secret@db/aimsflow',
      databasePoolSize: 8,
      timerPollMs: 0,
      outboxPollMs: 250,
      digestPollMs: 60_000,
      reminderLeadMs: 4 * 3_600_000,
      smtpUrl: 'smtp://127.0.0.1:2525',
      smtpFrom: 'ops@example.test',
      apiWorkers: 4,
      secureCookies: true,
      logRequests: false,
      logLevel: 'warn',
      seedDemo: false,
      demoProgramme: true,
      admin: { email: 'root@example.test', password: ' spaced pass ' },
      sseHeartbeatMs: 1000,
      trustProxy: 1,
      sessionIdleMinutes: 5,
      apiRateLimitPerMinute: 0,
      auditSigningKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
    });
  });

  it.each(['1s', '-5', '1.5', '1e3', '0x10', 'NaN', ' ten '])('refuses TIMER_POLL_MS=%j', (value) => {
    const error = refused({ TIMER_POLL_MS: value });
    expect(error.issues).toEqual([
      { variable: 'TIMER_POLL_MS', message: expect.stringContaining('whole number of milliseconds ≥ 0') },
    ]);
  });

  it('names the variable and what is expected in one line', () => {
    expect(refused({ TIMER_POLL_MS: '1s' }).message).toBe(
      'Invalid configuration: TIMER_POLL_MS must be a whole number of milliseconds ≥ 0 (got "1s")',
    );
  });

  it.each([
    ['PORT', '70000', 'from 0 to 65535'],
    ['DATABASE_POOL_SIZE', '0', '≥ 1'],
    ['API_WORKERS', 'two', 'whole number of processes'],
    ['OUTBOX_POLL_MS', '1000ms', 'milliseconds'],
    ['DIGEST_POLL_MS', '3600000000', 'milliseconds'],
    ['SESSION_TTL_HOURS', '0.5', 'whole number of hours'],
    ['SESSION_IDLE_MINUTES', '0', 'whole number of minutes from 1'],
    ['API_RATE_LIMIT_PER_MINUTE', '-1', 'whole number of requests'],
    ['JOB_MAX_ATTEMPTS', '0', 'from 1 to 1000000'],
    ['COOKIE_SECURE', 'yes', 'true or false'],
    ['LOG_REQUESTS', '1', 'true or false'],
    ['LOG_LEVEL', 'verbose', 'one of trace, debug, info, warn, error, fatal, silent'],
    ['AIMSFLOW_SEED_DEMO', 'False', 'true or false'],
    ['AIMSFLOW_DEMO_PROGRAMME', 'on', 'true or false'],
    ['REMINDER_LEAD', '1 day', 'ISO 8601 duration'],
    ['REMINDER_LEAD', 'PT0S', 'longer than zero'],
    ['DATABASE_URL', 'localhost:5432/db', 'postgres:// or postgresql:// URL'],
    ['DATABASE_URL', 'mysql://u:p@h/db', 'postgres:// or postgresql:// URL'],
    ['DATABASE_OWNER_URL', 'not a url', 'postgres:// or postgresql:// URL'],
    ['SMTP_URL', 'http://mail', 'smtp:// or smtps:// URL'],
    ['SSE_HEARTBEAT_MS', '25s', 'milliseconds'],
    ['TRUST_PROXY', 'yes please', 'true, false'],
    ['AUDIT_SIGNING_KEY', 'not-a-pem', 'PKCS#8 PEM'],
    ['AIMSFLOW_ADMIN_EMAIL', 'root', 'email address'],
  ])('refuses %s=%j', (variable, value, expected) => {
    const error = refused({
      [variable]: value,
      // The admin variables go together; give the pair so only the bad value is reported.
      ...(variable === 'AIMSFLOW_ADMIN_EMAIL' ? { AIMSFLOW_ADMIN_PASSWORD: 'x' } : {}),
    });
    expect(error.issues).toEqual([{ variable, message: expect.stringContaining(expected) }]);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} must `));
  });

  it('does not echo a URL that may hold a password', () => {
    const error = refused({ DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(error.message).not.toContain('hunter2');
  });

  it('wants the admin email and password together', () => {
    expect(refused({ AIMSFLOW_ADMIN_EMAIL: 'root@example.test' }).issues).toEqual([
      { variable: 'AIMSFLOW_ADMIN_PASSWORD', message: 'must be set together with AIMSFLOW_ADMIN_EMAIL' },
    ]);
  });

  it('reports several bad values together', () => {
    const error = refused({
      TIMER_POLL_MS: '1s',
      PORT: '-1',
      COOKIE_SECURE: 'yes',
      REMINDER_LEAD: 'tomorrow',
    });
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'COOKIE_SECURE',
      'PORT',
      'REMINDER_LEAD',
      'TIMER_POLL_MS',
    ]);
    expect(error.message).toMatch(/^Invalid configuration: /);
    for (const variable of ['TIMER_POLL_MS', 'PORT', 'COOKIE_SECURE', 'REMINDER_LEAD']) {
      expect(error.message).toContain(`${variable} must`);
    }
  });
});
