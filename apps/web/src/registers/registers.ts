/** The registers the programme's processes fill, as listed in the app; `path` is set where the register has a page. */
export const REGISTERS = [
  {
    key: 'soa',
    name: 'Annex A controls & Statement of Applicability',
    clause: '6.1.3, Annex A',
    path: '/registers/soa',
  },
  { key: 'risks', name: 'AI risk register', clause: '6.1.2, 8.2, 8.3', path: '/registers/risks' },
  { key: 'ai-systems', name: 'AI system inventory', clause: '4.3, Annex A.4', path: '/registers/ai-systems' },
  {
    key: 'impact-assessments',
    name: 'AI system impact assessments',
    clause: '6.1.4, 8.4',
    path: '/registers/impact-assessments',
  },
  { key: 'gaps', name: 'Gap analysis', clause: 'Clauses 4–10, Annex A', path: '/registers/gaps' },
  { key: 'documents', name: 'Documented information', clause: '7.5', path: '/registers/documents' },
  { key: 'objectives', name: 'AI objectives', clause: '6.2', path: '/registers/objectives' },
  { key: 'audit-findings', name: 'Audit findings', clause: '9.2', path: null },
  { key: 'nonconformities', name: 'Nonconformities & corrective actions', clause: '10.2', path: null },
] as const;

export interface PersonRef {
  id: string;
  name: string;
}

export interface SoaRow {
  controlId: string;
  title: string;
  family: string;
  familyTitle: string;
  applicable: boolean | null;
  justification: string | null;
  status: string;
  stage: string;
  owner: PersonRef | null;
  linkedRisks: Array<{ id: string; title: string; score: number }>;
  evidence: Array<{ file?: { name?: string } }>;
  updatedAt: string | null;
}

export interface RiskRow {
  id: string;
  aiSystemName: string | null;
  title: string;
  riskSource: string;
  likelihood: number;
  impact: number;
  score: number;
  treatment: string;
  controls: Array<{ control: string }>;
  residualLikelihood: number | null;
  residualImpact: number | null;
  acceptance: string;
  owner: PersonRef | null;
  updatedAt: string;
}

export interface AiSystemRow {
  id: string;
  name: string;
  purpose: string;
  lifecycleStage: string;
  ourRole: string;
  automation: string;
  usesPersonalData: boolean;
  owner: PersonRef | null;
  version: number;
  updatedAt: string;
}

export interface GapRow {
  id: string;
  itemId: string;
  itemKind: 'clause' | 'control';
  itemTitle: string;
  status: string;
  note: string | null;
  justification: string | null;
  priority: string | null;
  action: string | null;
  evidence: Array<{ file?: { name?: string } }>;
  owner: PersonRef | null;
  updatedAt: string;
}

export interface DocumentRow {
  id: string;
  docKey: string;
  title: string;
  version: number;
  approvalState: string;
  approvedAt: string | null;
  reviewDate: string | null;
  owner: PersonRef | null;
  updatedAt: string;
  /** The version last approved, in force while a later one is in approval; null before any approval. */
  inForce: { version: number; approvedAt: string | null; reviewDate: string | null } | null;
}

/** One kept version of a document, newest first (GET /registers/documents/:id). */
export interface DocumentVersion {
  version: number;
  title: string;
  content: unknown;
  owner: PersonRef | null;
  recordedAt: string;
  approvedAt: string | null;
  standing: 'in-force' | 'superseded' | 'in-approval' | 'draft';
}

export interface ImpactRow {
  id: string;
  aiSystemName: string | null;
  intendedUse: string;
  affected: string[];
  maxSeverity: number;
  conclusion: string;
  status: string;
  owner: PersonRef | null;
  updatedAt: string;
}

/** Colour band of a likelihood × impact score (1–25), as the heat map and the table show it. */
export function riskBand(score: number): 'low' | 'medium' | 'high' | 'critical' {
  if (score >= 15) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}
