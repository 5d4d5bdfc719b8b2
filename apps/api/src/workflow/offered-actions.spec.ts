import { personOf, type Person } from '../programme/programme-driver';
import { startTestApp, type TestApp } from '../testing/test-app';

/** Hand-sent events offered as actions (meta.actions) on the instance view, through HTTP. */
describe('actions an instance offers to the people who may send events (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let owner: Person;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    owner = await personOf(t, 'owner@acme.example');
  });
  afterAll(() => t?.close());

  it('offers "Stop monitoring" between two measurements to an AIMS manager, and sending it ends the cycle', async () => {
    const started = await manager.api.post('/api/process-instances', { definitionKey: 'monitoring-cycle' });
    expect(started.status).toBe(201);
    // While the metrics are being set up the cycle is not waiting: nothing to stop yet.
    expect((await manager.api.get(`/api/process-instances/${started.body.id}`)).body.actions).toEqual([]);
    const task = started.body.openTasks[0].id;
    if (!started.body.openTasks[0].assigneeId)
      expect((await manager.api.post(`/api/tasks/${task}/claim`)).status).toBe(200);
    const done = await manager.api.post(`/api/tasks/${task}/complete`, {
      data: {
        metrics: [
          {
            name: 'Chatbot answer accuracy',
            method: 'Sample 50 answers',
            frequency: 'monthly',
            owner: owner.id,
            target: 'at least 95 %',
          },
        ],
      },
    });
    expect(done.status).toBe(200);

    const waiting = await manager.api.get(`/api/process-instances/${started.body.id}`);
    expect(waiting.body.actions).toEqual([
      expect.objectContaining({
        event: 'STOP_MONITORING',
        title: 'Stop monitoring',
        available: true,
        stateId: expect.stringMatching(/waiting$/),
        confirm: expect.any(String),
      }),
    ]);
    // The owner of the metric takes part (they may read it) but does not send events.
    const asOwner = await owner.api.get(`/api/process-instances/${started.body.id}`);
    if (asOwner.status === 200) expect(asOwner.body.actions).toEqual([]);

    const sent = await manager.api.post(`/api/process-instances/${started.body.id}/events`, {
      type: 'STOP_MONITORING',
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'completed', actions: [] });
  });
});
