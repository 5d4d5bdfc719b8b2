import { toGraph } from './to-graph';

describe('toGraph', () => {
  const config = {
    id: 'doc',
    initial: 'draft',
    states: {
      draft: {
        meta: { task: { form: 'draft' } },
        on: {
          SUBMIT: [
            { target: 'review', guard: { type: 'fieldEquals', params: { field: 'ok', value: true } } },
            'draft',
          ],
        },
      },
      review: {
        type: 'parallel',
        states: {
          legal: { initial: 'open', states: { open: { after: { P14D: 'late' } }, late: {} } },
          tech: {},
        },
        onDone: 'approved',
      },
      approved: { type: 'final' },
      hist: { type: 'history' },
    },
  };

  it('lists every state with its parent, kind, initial flag and meta', () => {
    const { nodes } = toGraph(config);
    expect(nodes).toEqual([
      { id: 'doc', label: 'doc', kind: 'compound' },
      {
        id: 'doc.draft',
        parentId: 'doc',
        label: 'draft',
        kind: 'atomic',
        initial: true,
        meta: { task: { form: 'draft' } },
      },
      { id: 'doc.review', parentId: 'doc', label: 'review', kind: 'parallel' },
      { id: 'doc.review.legal', parentId: 'doc.review', label: 'legal', kind: 'compound' },
      {
        id: 'doc.review.legal.open',
        parentId: 'doc.review.legal',
        label: 'open',
        kind: 'atomic',
        initial: true,
      },
      { id: 'doc.review.legal.late', parentId: 'doc.review.legal', label: 'late', kind: 'atomic' },
      { id: 'doc.review.tech', parentId: 'doc.review', label: 'tech', kind: 'atomic' },
      { id: 'doc.approved', parentId: 'doc', label: 'approved', kind: 'final' },
      { id: 'doc.hist', parentId: 'doc', label: 'hist', kind: 'history' },
    ]);
  });

  it('labels edges with the event, the guard, timers and done transitions', () => {
    const { edges } = toGraph(config);
    expect(edges.map(({ source, target, label }) => ({ source, target, label }))).toEqual([
      { source: 'doc.draft', target: 'doc.review', label: 'SUBMIT [fieldEquals]' },
      { source: 'doc.draft', target: 'doc.draft', label: 'SUBMIT' },
      { source: 'doc.review', target: 'doc.approved', label: 'done' },
      { source: 'doc.review.legal.open', target: 'doc.review.legal.late', label: 'after P14D' },
    ]);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it('uses the given root id when the config has none', () => {
    expect(toGraph({ initial: 'a', states: { a: {} } }, 'flow').nodes[1].id).toBe('flow.a');
  });
});
