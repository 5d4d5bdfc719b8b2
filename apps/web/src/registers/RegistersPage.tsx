import { useQuery } from '../api/useQuery';
import { PageHeader } from '../app/PageHeader';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { PACK_ROLES } from '../evidence-pack/evidence-pack-api';
import { Link } from '../routing/Link';
import type { RegisterSummary } from './declared';
import { REGISTERS } from './registers';

/**
 * The registers index: every register the processes fill, with how many records each holds and
 * how they stand. Declared registers come from the server, so a register added as data appears here.
 */
export default function RegistersPage() {
  const me = useCurrentUser();
  const mayPack = me.roles.some((role) => (PACK_ROLES as readonly string[]).includes(role));
  const { api } = useAuth();
  const summaries = useQuery(
    (signal) => api.get<{ items: RegisterSummary[] }>('/registers', { signal }),
    'registers',
  );
  const declared = summaries.data?.items ?? [];
  const known = new Set(declared.map((d) => d.key));
  const cards = [
    ...REGISTERS.filter((r) => r.path && !known.has(r.key)).map((r) => ({ ...r, summary: undefined })),
    ...declared.map((d) => ({
      key: d.key,
      name: d.title,
      clause: d.clause ?? '',
      path: `/registers/${d.key}`,
      summary: d,
    })),
    ...REGISTERS.filter((r) => !r.path && !known.has(r.key)).map((r) => ({ ...r, summary: undefined })),
  ];
  return (
    <section className="page">
      <PageHeader
        title="Registers"
        description="The records your programme's processes fill in. Records change only when the task or approval that justifies them is completed."
        actions={
          // What an auditor asks for next: where each requirement stands, and everything in one signed file.
          <>
            <Link className="button" to="/readiness">
              Readiness
            </Link>
            {mayPack && (
              <Link className="button" to="/evidence-pack">
                Evidence pack
              </Link>
            )}
          </>
        }
      />
      {summaries.error !== undefined && (
        <p className="alert alert--error" role="alert">
          Record counts could not be loaded; the registers can still be opened.
        </p>
      )}
      <ul className="register-list">
        {cards.map((register) => (
          <li key={register.key} className="register-card">
            <h2>{register.path ? <Link to={register.path}>{register.name}</Link> : register.name}</h2>
            {register.clause && <p className="muted">ISO/IEC 42001 {register.clause}</p>}
            {register.summary && (
              <p className="small">
                {register.summary.count} record{register.summary.count === 1 ? '' : 's'}
                {register.summary.byStatus
                  .filter((s) => s.count > 0)
                  .map((s) => ` · ${s.count} ${s.title.toLowerCase()}`)
                  .join('')}
              </p>
            )}
            {!register.path && <span className="badge badge--muted">Coming soon</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
