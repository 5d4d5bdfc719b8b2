import { activeStateIdsFromValue, formatStateValue } from './active-states';
import { reviewGraph } from './test/fixtures';

describe('activeStateIdsFromValue', () => {
  it('maps a top-level state name to its node id', () => {
    expect(activeStateIdsFromValue(reviewGraph, 'draft')).toEqual(['doc.draft']);
  });

  it('maps a nested parallel value to every active region and leaf, ancestors included', () => {
    expect(activeStateIdsFromValue(reviewGraph, { review: { legal: 'open', tech: {} } })).toEqual([
      'doc.review',
      'doc.review.legal',
      'doc.review.legal.open',
      'doc.review.tech',
    ]);
  });

  it('finds a state that declares its own id by its key', () => {
    expect(activeStateIdsFromValue(reviewGraph, { review: { legal: 'late', tech: {} } })).toContain(
      'legal-late',
    );
  });

  it('ignores keys the graph does not know, as for an instance on another version', () => {
    expect(activeStateIdsFromValue(reviewGraph, { review: { legal: 'gone', ethics: {} } })).toEqual([
      'doc.review',
      'doc.review.legal',
    ]);
    expect(activeStateIdsFromValue(reviewGraph, undefined)).toEqual([]);
  });
});

describe('formatStateValue', () => {
  it('writes nested values as a path and parallel regions in braces', () => {
    expect(formatStateValue('draft')).toBe('draft');
    expect(formatStateValue({ review: { legal: 'open' } })).toBe('review.legal.open');
    expect(formatStateValue({ review: { legal: 'open', tech: {} } })).toBe('review.{legal.open, tech}');
    expect(formatStateValue(null)).toBe('—');
  });
});
