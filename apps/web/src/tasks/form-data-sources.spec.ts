import { fakeApi } from '../test-support/fake-api';
import { appDataSources } from './form-data-sources';

const people = [
  { id: 'u-1', name: 'Ivan Auditor', email: 'auditor@acme.example' },
  { id: 'u-2', name: 'Omar Owner', email: 'owner@acme.example' },
];

const server = () =>
  fakeApi({
    'GET /api/inbox/people': () => ({ status: 200, body: { items: people } }),
    'GET /api/groups': () => ({ status: 200, body: [{ id: 'g-1', name: 'Reviewers' }] }),
  });

describe('the data sources of the forms in the app', () => {
  it('lets everyone who works tasks pick people, e.g. an internal auditor naming the auditees', async () => {
    for (const role of ['internal-auditor', 'contributor', 'top-management', 'aims-manager']) {
      const { api, calls } = server();
      const sources = appDataSources(api, [role]);
      expect(await sources.users!()).toEqual([
        { id: 'u-1', title: 'Ivan Auditor', subtitle: 'auditor@acme.example' },
        { id: 'u-2', title: 'Omar Owner', subtitle: 'owner@acme.example' },
      ]);
      expect(calls).toEqual(['GET /api/inbox/people']);
    }
  });

  it('offers groups only to those who may list them, and no people to an external auditor', async () => {
    const { api } = server();
    expect(appDataSources(api, ['contributor']).groups).toBeUndefined();
    expect(await appDataSources(api, ['aims-manager']).groups!()).toEqual([
      { id: 'g-1', title: 'Reviewers', subtitle: undefined },
    ]);
    const external = appDataSources(api, ['external-auditor']);
    expect(external.users).toBeUndefined();
    expect(external.groups).toBeUndefined();
  });
});
