/** The registers the programme's processes fill, as they will be listed in the app. */
export const REGISTERS = [
  { key: 'annex-a-controls', name: 'Annex A controls & Statement of Applicability', clause: '6.1.3, Annex A' },
  { key: 'risks', name: 'AI risk register', clause: '6.1.2, 8.2, 8.3' },
  { key: 'ai-systems', name: 'AI system inventory', clause: '4.3, Annex A.4' },
  { key: 'impact-assessments', name: 'AI system impact assessments', clause: '6.1.4, 8.4' },
  { key: 'objectives', name: 'AI objectives', clause: '6.2' },
  { key: 'audit-findings', name: 'Audit findings', clause: '9.2' },
  { key: 'nonconformities', name: 'Nonconformities & corrective actions', clause: '10.2' },
  { key: 'documents', name: 'Documented information', clause: '7.5' },
] as const;
