/**
 * What a management review must consider (9.3.2), as ids and short titles in the product's own
 * words. The ids follow the clause's lettering; the performance item is split in its three trends,
 * so the input pack can show each one from its own registers.
 */
export interface ManagementReviewInput {
  /** e.g. '9.3.2.d.1' */
  id: string;
  title: string;
}

export const managementReviewInputs_9_3_2: readonly ManagementReviewInput[] = [
  { id: '9.3.2.a', title: 'Where the actions of earlier reviews stand' },
  { id: '9.3.2.b', title: 'What changed in the issues inside and outside the organisation' },
  { id: '9.3.2.c', title: 'What changed in what interested parties need and expect' },
  { id: '9.3.2.d.1', title: 'Performance: nonconformities and corrective actions' },
  { id: '9.3.2.d.2', title: 'Performance: monitoring and measurement results' },
  { id: '9.3.2.d.3', title: 'Performance: audit results' },
  { id: '9.3.2.e', title: 'Chances to keep improving' },
];
