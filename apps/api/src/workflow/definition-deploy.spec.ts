import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

const machineA = {
  id: 'rollback',
  initial: 'working',
  states: {
    working: { on: { DONE: 'done' } },
    done: { type: 'final' },
  },
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
});
