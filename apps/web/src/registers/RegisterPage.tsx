import { useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import type { PageProps } from '../app/routes';
import { NotFoundPage } from '../app/StatusPages';
import { RecordView } from './RecordView';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { DeclaredRegisterTable } from './DeclaredRegisterTable';
import { DocumentVersions } from './DocumentVersions';
import { HeatMap } from './HeatMap';
import {
  riskBand,
  type AiSystemRow,
  type DocumentRow,
  type GapRow,
  type ImpactRow,
  type RiskRow,
  type SoaRow,
} from './registers';
import { formatDate } from '../inbox/due';

interface Matrix {
  title: string;
  rows: string;
  columns: string;
  counts: number[][];
}

interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

interface RegisterSpec<T> {
  title: string;
  description: string;
  path: string;
  columns: Column<T>[];
  /** Text searched by the search box. */
  text: (row: T) => string;
  /** Values of the filter drop-down, and how a row matches one. */
  filter?: { label: string; options: Array<[string, string]>; matches: (row: T, value: string) => boolean };
  rowKey: (row: T) => string;
  downloads?: Array<{ label: string; href: string }>;
}

const person = (p: { name: string } | null) => p?.name ?? '—';
const date = (iso: string | null) => formatDate(iso);
/** A status code in words: `in-approval` → "In approval". */
const codeInWords = (code: string | null) => {
  const words = (code ?? '').replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : '—';
};
const applies = (value: boolean | null) => (value === true ? 'Yes' : value === false ? 'No' : 'Undecided');

const SPECS: Record<string, RegisterSpec<any>> = {
  soa: {
    title: 'Statement of Applicability',
    description:
      'Every Annex A control: whether it applies, why, how far it is implemented, who owns it and which risks it treats.',
    path: '/registers/soa',
    rowKey: (r: SoaRow) => r.controlId,
    text: (r: SoaRow) =>
      `${r.controlId} ${r.title} ${r.familyTitle} ${r.justification ?? ''} ${r.owner?.name ?? ''}`,
    filter: {
      label: 'Applicability',
      options: [
        ['yes', 'Applicable'],
        ['no', 'Excluded'],
        ['undecided', 'Undecided'],
      ],
      matches: (r: SoaRow, v) =>
        v === 'yes' ? r.applicable === true : v === 'no' ? r.applicable === false : r.applicable === null,
    },
    downloads: [
      { label: 'Download CSV', href: '/api/registers/soa.csv' },
      { label: 'Download PDF', href: '/api/registers/soa.pdf' },
    ],
    columns: [
      { header: 'Control', cell: (r: SoaRow) => <strong>{r.controlId}</strong> },
      { header: 'Title', cell: (r: SoaRow) => r.title },
      {
        header: 'Applies',
        cell: (r: SoaRow) => (
          <span className={`badge ${r.applicable === true ? 'badge--ok' : 'badge--muted'}`}>
            {applies(r.applicable)}
          </span>
        ),
      },
      { header: 'Justification', cell: (r: SoaRow) => r.justification ?? '—' },
      {
        header: 'Status',
        cell: (r: SoaRow) =>
          `${r.status}${r.stage === 'draft' ? ' (draft)' : r.stage === 'approved' ? ' (signed)' : ''}`,
      },
      { header: 'Owner', cell: (r: SoaRow) => person(r.owner) },
      {
        header: 'Linked risks',
        cell: (r: SoaRow) => r.linkedRisks.map((risk) => risk.title).join('; ') || '—',
      },
      {
        header: 'Evidence',
        cell: (r: SoaRow) =>
          r.evidence
            .map((e) => e.file?.name)
            .filter(Boolean)
            .join(', ') || '—',
      },
    ],
  },
  risks: {
    title: 'AI risk register',
    description:
      'Each assessed AI risk with its rating before and after treatment, the treatment, the controls and whether the residual risk is accepted.',
    path: '/registers/risks',
    rowKey: (r: RiskRow) => r.id,
    text: (r: RiskRow) =>
      `${r.title} ${r.aiSystemName ?? ''} ${r.riskSource} ${r.treatment} ${r.owner?.name ?? ''}`,
    filter: {
      label: 'Acceptance',
      options: ['proposed', 'treating', 'awaiting-acceptance', 'accepted', 'avoided', 'sent-back'].map(
        (v) => [v, v],
      ),
      matches: (r: RiskRow, v) => r.acceptance === v,
    },
    columns: [
      { header: 'Risk', cell: (r: RiskRow) => r.title },
      { header: 'AI system', cell: (r: RiskRow) => r.aiSystemName ?? '—' },
      { header: 'Source', cell: (r: RiskRow) => r.riskSource },
      {
        header: 'L × I',
        cell: (r: RiskRow) => (
          <span
            className={`risk-score risk-score--${riskBand(r.score)}`}
          >{`${r.likelihood} × ${r.impact} = ${r.score}`}</span>
        ),
      },
      { header: 'Treatment', cell: (r: RiskRow) => r.treatment },
      { header: 'Controls', cell: (r: RiskRow) => r.controls.map((c) => c.control).join(', ') || '—' },
      {
        header: 'Residual',
        cell: (r: RiskRow) => (r.residualLikelihood ? `${r.residualLikelihood} × ${r.residualImpact}` : '—'),
      },
      {
        header: 'Acceptance',
        cell: (r: RiskRow) => (
          <span className={`badge ${r.acceptance === 'accepted' ? 'badge--ok' : ''}`}>
            {codeInWords(r.acceptance)}
          </span>
        ),
      },
      { header: 'Owner', cell: (r: RiskRow) => person(r.owner) },
    ],
  },
  'ai-systems': {
    title: 'AI system inventory',
    description:
      'Every registered AI system with its owner, purpose, life-cycle stage and our role. Registering a system starts its risk and impact assessments.',
    path: '/registers/ai-systems',
    rowKey: (r: AiSystemRow) => r.id,
    text: (r: AiSystemRow) => `${r.name} ${r.purpose} ${r.owner?.name ?? ''}`,
    filter: {
      label: 'Life cycle',
      options: ['concept', 'design', 'verification', 'deployment', 'operation', 'retired'].map((v) => [v, v]),
      matches: (r: AiSystemRow, v) => r.lifecycleStage === v,
    },
    columns: [
      { header: 'System', cell: (r: AiSystemRow) => <strong>{r.name}</strong> },
      { header: 'Purpose', cell: (r: AiSystemRow) => r.purpose },
      { header: 'Stage', cell: (r: AiSystemRow) => r.lifecycleStage },
      { header: 'Our role', cell: (r: AiSystemRow) => r.ourRole },
      { header: 'Automation', cell: (r: AiSystemRow) => r.automation },
      { header: 'Personal data', cell: (r: AiSystemRow) => (r.usesPersonalData ? 'Yes' : 'No') },
      { header: 'Owner', cell: (r: AiSystemRow) => person(r.owner) },
      { header: 'Version', cell: (r: AiSystemRow) => r.version },
    ],
  },
  'impact-assessments': {
    title: 'AI system impact assessments',
    description:
      'What each AI system could do to individuals, groups and society, and the conclusion reached.',
    path: '/registers/impact-assessments',
    rowKey: (r: ImpactRow) => r.id,
    text: (r: ImpactRow) => `${r.aiSystemName ?? ''} ${r.intendedUse} ${r.conclusion}`,
    columns: [
      { header: 'AI system', cell: (r: ImpactRow) => r.aiSystemName ?? '—' },
      { header: 'Intended use', cell: (r: ImpactRow) => r.intendedUse },
      { header: 'Affected', cell: (r: ImpactRow) => r.affected.join(', ') },
      { header: 'Worst severity', cell: (r: ImpactRow) => r.maxSeverity },
      { header: 'Conclusion', cell: (r: ImpactRow) => r.conclusion },
      { header: 'Status', cell: (r: ImpactRow) => r.status },
      { header: 'Assessor', cell: (r: ImpactRow) => person(r.owner) },
    ],
  },
  gaps: {
    title: 'Gap analysis',
    description:
      'How far each requirement area of clauses 4–10 and each Annex A control is met today, and the action agreed to close the gap.',
    path: '/registers/gaps',
    rowKey: (r: GapRow) => r.id,
    text: (r: GapRow) =>
      `${r.itemId} ${r.itemTitle} ${r.note ?? ''} ${r.action ?? ''} ${r.owner?.name ?? ''}`,
    filter: {
      label: 'Status',
      options: [
        ['not-started', 'Not started'],
        ['partial', 'Partial'],
        ['implemented', 'Implemented'],
        ['not-applicable', 'Not applicable'],
      ],
      matches: (r: GapRow, v) => r.status === v,
    },
    columns: [
      { header: 'Item', cell: (r: GapRow) => <strong>{r.itemId}</strong> },
      { header: 'Title', cell: (r: GapRow) => r.itemTitle },
      { header: 'Status', cell: (r: GapRow) => r.status },
      { header: 'Note', cell: (r: GapRow) => r.note ?? r.justification ?? '—' },
      { header: 'Priority', cell: (r: GapRow) => r.priority ?? '—' },
      { header: 'Action', cell: (r: GapRow) => r.action ?? '—' },
      { header: 'Owner', cell: (r: GapRow) => person(r.owner) },
    ],
  },
  documents: {
    title: 'Documented information',
    description:
      'The controlled documents of the AIMS: the version in force, the newest version and its approval, owner and next review.',
    path: '/registers/documents',
    rowKey: (r: DocumentRow) => r.id,
    text: (r: DocumentRow) => `${r.title} ${r.approvalState} ${r.owner?.name ?? ''}`,
    filter: {
      label: 'Approval',
      options: [
        ['in-approval', 'In approval'],
        ['approved', 'Approved'],
        ['changes-requested', 'Changes requested'],
      ],
      matches: (r: DocumentRow, v) => r.approvalState === v,
    },
    downloads: [
      { label: 'Download CSV', href: '/api/registers/documents.csv' },
      { label: 'Download PDF', href: '/api/registers/documents.pdf' },
    ],
    columns: [
      {
        header: 'Document',
        cell: (r: DocumentRow) => (
          <Link to={`/registers/documents/${r.id}`}>
            <strong>{r.title}</strong>
          </Link>
        ),
      },
      {
        header: 'In force',
        cell: (r: DocumentRow) => (r.inForce ? `Version ${r.inForce.version}` : 'None approved yet'),
      },
      { header: 'Newest version', cell: (r: DocumentRow) => r.version },
      {
        header: 'Approval',
        cell: (r: DocumentRow) => (
          <span className={`badge ${r.approvalState === 'approved' ? 'badge--ok' : ''}`}>
            {codeInWords(r.approvalState)}
          </span>
        ),
      },
      { header: 'Approved', cell: (r: DocumentRow) => date(r.inForce?.approvedAt ?? null) },
      { header: 'Next review', cell: (r: DocumentRow) => date(r.inForce?.reviewDate ?? null) },
      { header: 'Owner', cell: (r: DocumentRow) => person(r.owner) },
    ],
  },
};

/**
 * One register: the purpose-built tables above where the product has one, else the table any
 * declared register gets from its declaration (its record pages, or a 404 for an unknown key).
 */
export default function RegisterPage({ params }: PageProps) {
  const key = params.register ?? '';
  if (key === 'documents' && params.id) return <DocumentVersions key={params.id} id={params.id} />;
  if (params.id) return <RecordView key={`${key}/${params.id}`} registerKey={key} id={params.id} />;
  const spec = SPECS[key];
  if (!spec)
    return /^[a-z][a-z0-9-]*$/.test(key) ? (
      <DeclaredRegisterTable key={key} registerKey={key} />
    ) : (
      <NotFoundPage />
    );
  return <RegisterTable key={key} register={key} spec={spec} />;
}

function RegisterTable<T>({ register, spec }: { register: string; spec: RegisterSpec<T> }) {
  const { api } = useAuth();
  const query = useQuery(
    (signal) =>
      api.get<{ items: T[]; heatmap?: number[][]; matrices?: Matrix[] }>(`/registers/${register}`, {
        signal,
      }),
    register,
  );
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState('');
  // A heat-map cell the list is narrowed to: which grid, and [row, column] values.
  const [cell, setCell] = useState<{ matrix: number; at: [number, number] } | null>(null);
  const matrices = useMemo(() => query.data?.matrices ?? [], [query.data]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const grid = cell ? matrices[cell.matrix] : undefined;
    return (query.data?.items ?? []).filter(
      (row) =>
        (!needle || spec.text(row).toLowerCase().includes(needle)) &&
        (!filter || !spec.filter || spec.filter.matches(row, filter)) &&
        (!grid ||
          ((row as Record<string, unknown>)[grid.rows] === cell!.at[0] &&
            (row as Record<string, unknown>)[grid.columns] === cell!.at[1])),
    );
  }, [query.data, search, filter, spec, cell, matrices]);

  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/registers">Registers</Link> /
      </p>
      <PageHeader
        title={spec.title}
        description={spec.description}
        actions={spec.downloads?.map((d) => (
          <a key={d.href} className="button" href={d.href} download>
            {d.label}
          </a>
        ))}
      />
      {matrices.length > 0 ? (
        <div className="heatmaps">
          {matrices.map((m, index) => (
            <HeatMap
              key={m.title}
              counts={m.counts}
              title={`${spec.title}: ${m.title.toLowerCase()}`}
              labelPrefix={`${m.title}: `}
              selected={cell?.matrix === index ? cell.at : null}
              onSelect={(at) => setCell(at ? { matrix: index, at } : null)}
            />
          ))}
        </div>
      ) : (
        query.data?.heatmap && <HeatMap counts={query.data.heatmap} />
      )}
      {cell && (
        <p className="muted small" role="status">
          Showing the risks rated likelihood {cell.at[0]}, impact {cell.at[1]}{' '}
          {matrices[cell.matrix]?.title.toLowerCase()}.{' '}
          <button type="button" className="button button--link" onClick={() => setCell(null)}>
            Show all
          </button>
        </p>
      )}
      <div className="toolbar">
        <label className="field field--inline">
          <span className="field__label">Search</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search this register"
          />
        </label>
        {spec.filter && (
          <label className="field field--inline">
            <span className="field__label">{spec.filter.label}</span>
            <select value={filter} onChange={(e) => setFilter(e.target.value)}>
              <option value="">All</option>
              {spec.filter.options.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {query.loading && !query.data && <PageLoading />}
      {query.error !== undefined && (
        <p className="alert alert--error" role="alert">
          {query.error instanceof ApiError ? query.error.message : 'The register could not be loaded.'}
        </p>
      )}
      {query.data && (
        <div className="table-wrap">
          <table className="table register-table">
            <caption className="visually-hidden">{spec.title}</caption>
            <thead>
              <tr>
                {spec.columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={spec.rowKey(row)}>
                  {spec.columns.map((c) => (
                    <td key={c.header}>{c.cell(row)}</td>
                  ))}
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={spec.columns.length} className="muted">
                    {query.data.items.length === 0
                      ? 'Nothing recorded yet: rows appear as the programme’s tasks are completed.'
                      : 'No row matches.'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        {rows.length} of {query.data?.items.length ?? 0} rows
      </p>
    </section>
  );
}
