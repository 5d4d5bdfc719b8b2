import { startTestApp, type TestApp } from '../../testing/test-app';
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
