import { riskBand } from './registers';

/** 5 × 5 likelihood × impact grid; each cell names its count and band in text, the colour only repeats it. */
export function HeatMap({ counts }: { counts: number[][] }) {
  const levels = [5, 4, 3, 2, 1];
  return (
    <figure className="heatmap">
      <figcaption>Risks by likelihood and impact (before treatment)</figcaption>
      <table className="heatmap__grid">
        <thead>
          <tr>
            <th scope="col">Likelihood ↓ / Impact →</th>
            {[1, 2, 3, 4, 5].map((impact) => (
              <th key={impact} scope="col">
                {impact}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {levels.map((likelihood) => (
            <tr key={likelihood}>
              <th scope="row">{likelihood}</th>
              {[1, 2, 3, 4, 5].map((impact) => {
                const count = counts[likelihood - 1]?.[impact - 1] ?? 0;
                const band = riskBand(likelihood * impact);
                return (
                  <td
                    key={impact}
                    className={`heatmap__cell heatmap__cell--${band}`}
                    aria-label={`likelihood ${likelihood}, impact ${impact}: ${count} risk${count === 1 ? '' : 's'} (${band})`}
                  >
                    <strong>{count}</strong>
                    <span className="heatmap__band">{band}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
