import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

const machineA = {
  id: 'rollback',
  initial: 'working',
  states: {
    working: { on: { DONE: 'done' } },
    done: { type: 'final' },
  },
};
const machineB = {
  ...machineA,
  states: { ...machineA.states, working: { on: { DONE: 'done', HOLD: 'working' } } },
};

describe('deploying workflow definitions', () => {
  let t: TestApp;
  let admin: ApiClient;
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
    manager = await t.login('manager@acme.example');
  });
  afterAll(() => t.close());

  describe('V6: changing the rules is admin only', () => {
    it('answers 403 to an AIMS manager deploying a definition, with or without settings, and publishes nothing', async () => {
      const before = (await admin.get('/api/workflow-definitions/document-approval/settings')).body.version;
      const plain = await manager.post('/api/workflow-definitions', {
        key: 'manager-made',
        name: 'Manager made',
        machine: machineA,
      });
      expect(plain.status).toBe(403);
      const current = (await admin.get('/api/workflow-definitions/document-approval/versions/1')).body;
      const lowered = await manager.post('/api/workflow-definitions', {
        key: 'document-approval',
        name: current.name,
        machine: current.machine,
        settings: {
          steps: {
            'document-approval.inApproval': { approvalLevels: [{ role: 'contributor', rule: 'any' }] },
          },
        },
      });
      expect(lowered.status).toBe(403);
      expect((await admin.get('/api/workflow-definitions/document-approval/settings')).body.version).toBe(
        before,
      );
      const keys = (await admin.get('/api/workflow-definitions')).body.items.map(
        (d: { key: string }) => d.key,
      );
      expect(keys).not.toContain('manager-made');
    });

    it('answers 403 to an AIMS manager changing settings or migrating, and lets an admin deploy', async () => {
      const settings = {
        steps: { 'document-approval.inApproval': { approvalLevels: [{ role: 'contributor', rule: 'any' }] } },
      };
      expect(
        (await manager.put('/api/workflow-definitions/document-approval/settings', { settings })).status,
      ).toBe(403);
      expect(
        (
          await manager.post('/api/workflow-definitions/document-approval/versions/1/migrate', {
            toVersion: 1,
          })
        ).status,
      ).toBe(403);
      const deployed = await admin.post('/api/workflow-definitions', {
        key: 'admin-made',
        name: 'Admin made',
        machine: machineA,
      });
      expect(deployed.status).toBe(201);
      expect(deployed.body).toEqual({ key: 'admin-made', version: 1, created: true });
    });
  });

  describe('redeploying an older version', () => {
    it('makes the older content current as version N+1; the latest content again is a no-op', async () => {
      const deploy = (machine: object) =>
        admin.post('/api/workflow-definitions', { key: 'rollback', name: 'Rollback', machine });
      expect((await deploy(machineA)).body).toEqual({ key: 'rollback', version: 1, created: true });
      expect((await deploy(machineB)).body).toEqual({ key: 'rollback', version: 2, created: true });
      const again = await deploy(machineA);
      expect(again.status).toBe(201);
      expect(again.body).toEqual({ key: 'rollback', version: 3, created: true });
      expect((await deploy(machineA)).body).toEqual({ key: 'rollback', version: 3, created: false });

      const v1 = (await admin.get('/api/workflow-definitions/rollback/versions/1')).body;
      const v3 = (await admin.get('/api/workflow-definitions/rollback/versions/3')).body;
      expect(v3.contentHash).toBe(v1.contentHash);
      expect(v3.machine).toEqual(machineA);
      const listed = (await admin.get('/api/workflow-definitions')).body.items.find(
        (d: { key: string }) => d.key === 'rollback',
      );
      expect(listed).toMatchObject({ latestVersion: 3, versions: 3 });
      const started = await manager.post('/api/process-instances', { definitionKey: 'rollback' });
      expect(started.status).toBe(201);
      expect(started.body.definitionVersion).toBe(3);
    });
  });
});
