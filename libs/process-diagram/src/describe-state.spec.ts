import { describeState } from './describe-state';
import { reviewGraph } from './test/fixtures';

const node = (id: string) => reviewGraph.nodes.find((n) => n.id === id)!;

describe('describeState', () => {
  it('shows the form key and candidate role of a task state', () => {
    expect(describeState(node('doc.draft'))).toEqual(['form: risk-assessment', 'role: risk-owner']);
  });

  it('shows one line per approval level with its rule', () => {
    expect(describeState(node('doc.review.tech'))).toEqual([
      'approval 1: ai-officer · all',
      'approval 2: board · quorum 2',
    ]);
  });

  it('shows the child definition of a subprocess state', () => {
    expect(describeState(node('doc.impact'))).toEqual(['subprocess: impact-assessment']);
  });

  it('says nothing about a plain state', () => {
    expect(describeState(node('doc.approved'))).toEqual([]);
  });
});
