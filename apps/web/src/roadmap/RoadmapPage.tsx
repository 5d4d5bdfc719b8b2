import { PageHeader } from '../app/PageHeader';
import { ROADMAP_PHASES } from './phases';

/** Placeholder for the programme dashboard: names the five phases whose progress will show here. */
export function RoadmapPage() {
  return (
    <section className="page">
      <PageHeader
        title="Roadmap"
        description="Progress of your ISO/IEC 42001 programme will show here, phase by phase, once the programme is started."
      />
      <ol className="phase-list">
        {ROADMAP_PHASES.map((phase, index) => (
          <li key={phase.key} className="phase-card">
            <span className="phase-card__number" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <h2>{phase.name}</h2>
              <p>{phase.summary}</p>
              <p className="phase-card__status">
                <span className="badge">Not started</span> Each phase ends with a gate that top management signs.
              </p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
