import { PageHeader } from '../app/PageHeader';
import { Link } from '../routing/Link';
import { REGISTERS } from './registers';

/** The registers index: each register the programme fills, with a link where it can be opened. */
export default function RegistersPage() {
  return (
    <section className="page">
      <PageHeader
        title="Registers"
        description="The records your programme's processes fill in. Rows change only when the task or approval that justifies them is completed."
      />
      <ul className="register-list">
        {REGISTERS.map((register) => (
          <li key={register.key} className="register-card">
            <h2>{register.path ? <Link to={register.path}>{register.name}</Link> : register.name}</h2>
            <p className="muted">ISO/IEC 42001 {register.clause}</p>
            {!register.path && <span className="badge badge--muted">Coming soon</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
