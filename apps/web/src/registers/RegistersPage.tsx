import { PageHeader } from '../app/PageHeader';
import { REGISTERS } from './registers';

/** Placeholder list of the registers to come. */
export function RegistersPage() {
  return (
    <section className="page">
      <PageHeader
        title="Registers"
        description="The records your programme's processes fill in. Each register will open here as its processes come online."
      />
      <ul className="register-list">
        {REGISTERS.map((register) => (
          <li key={register.key} className="register-card">
            <h2>{register.name}</h2>
            <p className="muted">ISO/IEC 42001 {register.clause}</p>
            <span className="badge">Coming soon</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
