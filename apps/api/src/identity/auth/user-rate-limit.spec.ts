import { startTestApp, type TestApp } from '../../testing/test-app';
import { loadConfig } from '../../platform/config';
import { SharedRequestCounts } from './shared-request-counts';
import { UserRateLimiter } from './user-rate-limit';

describe('UserRateLimiter', () => {
  it('allows `limit` requests per user per minute, then answers the seconds left', () => {
    const limiter = new UserRateLimiter(2);
    const t0 = 60_000 * 100 + 15_000;
    expect([limiter.take('a', t0), limiter.take('a', t0), limiter.take('a', t0)]).toEqual([0, 0, 45]);
    expect(limiter.take('b', t0)).toBe(0);
    expect(limiter.take('a', t0 + 45_000)).toBe(0); // a new window
  });

  it('is off at 0', () => {
    const limiter = new UserRateLimiter(0);
    for (let i = 0; i < 10; i++) expect(limiter.take('a')).toBe(0);
  });
});

describe('the per-user API limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Read by loadConfig in startTestApp; jest gives each spec file its own process.env.
    process.env.API_RATE_LIMIT_PER_MINUTE = '5';
    t = await startTestApp();
  });
  afterAll(async () => {
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });

  it('answers 429 with Retry-After past the limit, for that user only', async () => {
    const owner = await t.login('owner@acme.example');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await owner.get('/api/auth/me');
      statuses.push(last.status);
    }
    // Unless the minute turned over mid-loop, the sixth and seventh are refused.
    if (statuses.includes(429)) {
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(last!.status).toBe(429);
      const retryAfter = Number(last!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(last!.body.detail).toMatch(/Too many requests/);
    } else {
      expect(statuses).toEqual(Array(7).fill(200));
    }
    const ceo = await t.login('ceo@acme.example');
    expect((await ceo.get('/api/auth/me')).status).toBe(200);
  });
});

describe('the per-user limit across API processes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('adds up the counts of two processes in PostgreSQL, so neither lets a user past the limit for long', async () => {
    const config = { ...loadConfig(), apiRateLimitPerMinute: 10 };
    const [a, b] = [
      new SharedRequestCounts(t.dataSource, config),
      new SharedRequestCounts(t.dataSource, config),
    ];
    const [user] = await t.dataSource.query(`SELECT id FROM users WHERE email = 'owner@acme.example'`);
    const now = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
    for (let i = 0; i < 6; i++) {
      expect(a.limiter.take(user.id, now)).toBe(0);
      expect(b.limiter.take(user.id, now)).toBe(0);
    }
    await a.flush(now);
    await b.flush(now); // b learns that 12 were made in all
    expect(b.limiter.take(user.id, now)).toBeGreaterThan(0);
    expect(a.limiter.take(user.id, now)).toBe(0); // a has not heard of b's six yet: at most a second of overshoot
    await a.flush(now);
    expect(a.limiter.take(user.id, now)).toBeGreaterThan(0);
    const [row] = await t.dataSource.query(`SELECT count FROM api_request_counts WHERE user_id = $1`, [
      user.id,
    ]);
    expect(row.count).toBe(13); // b's refused request is not shared until b flushes again
  });
});
