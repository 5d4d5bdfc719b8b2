import { DefinitionCache } from './definition-cache';
import type { WorkflowDefinition } from './workflow-definition.entity';

const machine = {
  id: 'tiny',
  initial: 'a',
  states: { a: { on: { GO: 'b' } }, b: { type: 'final' } },
};

function version(id: string, organizationId: string, contentHash: string): WorkflowDefinition {
  return {
    id,
    organizationId,
    key: 'tiny',
    version: 1,
    name: 'Tiny',
    contentHash,
    machine,
    settings: {},
    deployedBy: null,
    createdAt: new Date(),
  } as WorkflowDefinition;
}

describe('DefinitionCache', () => {
  it('compiles a content hash once, for every organisation that deployed the same version', () => {
    const cache = new DefinitionCache();
    const first = cache.compile(version('d1', 'org-1', 'hash-a'));
    expect(cache.compile(version('d2', 'org-2', 'hash-a'))).toBe(first);
    expect(cache.compile(version('d3', 'org-1', 'hash-b'))).not.toBe(first);
  });

  it('reads a stored version once and then answers from memory', async () => {
    const cache = new DefinitionCache();
    const row = version('d1', 'org-1', 'hash-a');
    const findOneByOrFail = jest.fn(async () => row);
    const tx = { getRepository: () => ({ findOneByOrFail }) } as never;
    expect(await cache.byId(tx, 'd1')).toBe(row);
    expect(await cache.byId(tx, 'd1')).toBe(row);
    expect(findOneByOrFail).toHaveBeenCalledTimes(1);
  });
});
