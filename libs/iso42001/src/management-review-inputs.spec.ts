import { findClause } from './catalogue';
import { managementReviewInputs_9_3_2 } from './management-review-inputs';

describe('management review inputs (9.3.2)', () => {
  it('lists the five inputs, the performance one in its three trends, each id under 9.3.2 once', () => {
    const ids = managementReviewInputs_9_3_2.map((input) => input.id);
    expect(ids).toEqual(['9.3.2.a', '9.3.2.b', '9.3.2.c', '9.3.2.d.1', '9.3.2.d.2', '9.3.2.d.3', '9.3.2.e']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findClause('9.3.2')).toBeDefined();
    for (const input of managementReviewInputs_9_3_2) expect(input.title.length).toBeGreaterThan(5);
  });
});
