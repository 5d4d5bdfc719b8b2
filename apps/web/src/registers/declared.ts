import type { PersonRef } from './registers';
import { formatDate } from '../inbox/due';

/** A declared register as `GET /api/registers/{key}` describes it (its projections stay on the server). */
export interface DeclaredRegister {
  key: string;
  title: string;
  clause?: string;
  description?: string;
  fields: Record<string, { type?: unknown; enum?: unknown[] }>;
  columns: Array<{
    field: string;
    title: string;
    kind?: 'text' | 'number' | 'date' | 'person' | 'status' | 'boolean' | 'list';
  }>;
  filters?: string[];
  search?: string[];
  status?: { field: string; values: Array<{ value: string; title: string }> };
}

export type RecordItem = Record<string, unknown> & {
  id: string;
  key: string;
  version: number;
  updatedAt: string;
};

export interface RecordPage {
  register: DeclaredRegister;
  items: RecordItem[];
  nextCursor: string | null;
  heatmap?: number[][];
  /** Counts by status over the whole register (with a declared status). */
  byStatus?: Array<{ value: string; title: string; count: number }>;
  total?: number;
}

export interface RecordDetail {
  register: DeclaredRegister;
  record: RecordItem;
  versions: Array<{
    version: number;
    data: Record<string, unknown>;
    changedAt: string;
    changedBy: PersonRef | null;
    sourceTaskId: string | null;
    instanceId: string | null;
  }>;
  sources: {
    instances: Array<{ id: string; definitionKey: string; status: string; startedAt: string }>;
    tasks: Array<{ id: string; title: string; formKey: string; status: string; completedAt: string | null }>;
  };
  /** Evidence files the record cites, with download links. */
  evidence?: Array<{ sha256: string; name: string; href: string }>;
  /** The audit-trail records of the steps that wrote it (no payloads). */
  audit?: Array<{ seq: number; kind: string; createdAt: string; hash: string; actor: PersonRef | null }>;
}

export interface RegisterSummary {
  key: string;
  title: string;
  clause: string | null;
  description: string | null;
  count: number;
  byStatus: Array<{ value: string; title: string; count: number }>;
}

/** A record field as text: people by name, statuses by their title, lists joined, dates in the user's locale. */
export function fieldText(
  register: DeclaredRegister,
  item: Record<string, unknown>,
  field: string,
  kind?: string,
): string {
  const value = item[field];
  if (kind === 'person' || /Id$/.test(field)) {
    const person = item[field.replace(/Id$/, '')] as PersonRef | null | undefined;
    if (person && typeof person === 'object') return person.name;
  }
  if (value === null || value === undefined || value === '') return '—';
  if (kind === 'status' && register.status?.field === field)
    return register.status.values.find((v) => v.value === value)?.title ?? String(value);
  if (kind === 'date' && typeof value === 'string') {
    return formatDate(value);
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value))
    return value.map((v) => (v && typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
