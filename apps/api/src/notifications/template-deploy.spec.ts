import { startTestApp, type TestApp } from '../testing/test-app';

describe('deploy checks the notification templates a definition names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 422 naming an unknown template, and deploys a known one', async () => {
    const admin = await t.login('admin@acme.example');
    const machine = (template: string) => ({
      initial: 'a',
      states: {
        a: { entry: [{ type: 'notify', params: { to: 'aims-manager', template } }], on: { GO: 'b' } },
        b: { type: 'final' },
      },
    });
    const bad = await admin.post('/api/workflow-definitions', {
      key: 'n',
      name: 'N',
      machine: machine('typo'),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { pointer: '', message: 'notification template "typo" does not exist' },
    ]);
    const good = await admin.post('/api/workflow-definitions', {
      key: 'n',
      name: 'N',
      machine: machine('message'),
    });
    expect(good.status).toBe(201);
  });
});
