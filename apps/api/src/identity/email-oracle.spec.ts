import { createOrganization, startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { EMAIL_UNAVAILABLE } from './users.service';

/** Creating a user never tells whether (or where) an address is used by another organisation. */
describe('no cross-tenant email oracle (V16)', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
  });
  afterAll(() => t.close());

  it('answers the same generic 409 for an address of another organisation as for one of its own', async () => {
    await createOrganization(t.dataSource, 'elsewhere', [
      { email: 'someone@elsewhere.example', roles: ['contributor'] },
    ]);
    const other = await admin.post('/api/users', {
      email: 'Someone@Elsewhere.example',
      name: 'Squatter',
      roles: ['contributor'],
    });
    const own = await admin.post('/api/users', {
      email: 'owner@acme.example',
      name: 'Dup',
      roles: ['contributor'],
    });
    expect(other.status).toBe(409);
    expect(own.status).toBe(409);
    expect(other.body).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: EMAIL_UNAVAILABLE,
      instance: expect.any(String),
    });
    expect(own.body).toEqual(other.body);
    expect(JSON.stringify(other.body)).not.toMatch(/elsewhere|someone|organi[sz]ation/i);
  });

  it('gives the same answer when two creations of one address race', async () => {
    const body = { email: 'racer@acme.example', name: 'Racer', roles: ['contributor'] };
    const results = await Promise.all([1, 2, 3].map(() => admin.post('/api/users', body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.detail).toBe(EMAIL_UNAVAILABLE);
  });
});
