import { riskBand } from './registers';

/** 5 × 5 likelihood × impact grid; each cell names its count and band in text, the colour only repeats it. */
export function HeatMap({
  counts,
  title = 'Risks by likelihood and impact (before treatment)',
  selected,
  onSelect,
  labelPrefix = '',
}: {
  counts: number[][];
  title?: string;
  /** Names the grid in each cell's label when several are shown, e.g. `After treatment: `. */
  labelPrefix?: string;
  /** The cell the list is filtered by, as [likelihood, impact]. */
  selected?: [number, number] | null;
  /** Given: each cell is a button that filters the list to it (pressed again: all). */
  onSelect?: (cell: [number, number] | null) => void;
}) {
  const levels = [5, 4, 3, 2, 1];
  return (
    <figure className="heatmap">
      <figcaption>{title}</figcaption>
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
                const label = `${labelPrefix}likelihood ${likelihood}, impact ${impact}: ${count} risk${count === 1 ? '' : 's'} (${band})`;
                const pressed = selected?.[0] === likelihood && selected?.[1] === impact;
                const content = (
                  <>
                    <strong>{count}</strong>
                    <span className="heatmap__band">{band}</span>
                  </>
                );
                return onSelect ? (
                  <td key={impact} className={`heatmap__cell heatmap__cell--${band}`}>
                    <button
                      type="button"
                      className="heatmap__button"
                      aria-label={label}
                      aria-pressed={pressed}
                      onClick={() => onSelect(pressed ? null : [likelihood, impact])}
                    >
                      {content}
                    </button>
                  </td>
                ) : (
                  <td key={impact} className={`heatmap__cell heatmap__cell--${band}`} aria-label={label}>
                    {content}
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
