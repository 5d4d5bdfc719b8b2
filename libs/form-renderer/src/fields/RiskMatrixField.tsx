import { useRef, useState, type KeyboardEvent } from 'react';
import { ariaDescribedByIds, type FieldProps } from '@rjsf/utils';
import { FieldDescription, fieldLabel } from './field-chrome';
import {
  IMPACT_LABELS,
  LIKELIHOOD_LABELS,
  RISK_LEVEL_LABELS,
  riskLevel,
  type RiskRating,
} from './risk-score';

const SCALE = [1, 2, 3, 4, 5];

function readRating(value: unknown): Partial<RiskRating> {
  if (typeof value !== 'object' || value === null) return {};
  const { likelihood, impact } = value as Record<string, unknown>;
  return {
    likelihood: typeof likelihood === 'number' ? likelihood : undefined,
    impact: typeof impact === 'number' ? impact : undefined,
  };
}

/**
 * A 5×5 likelihood × impact grid. Stores `{likelihood, impact, score}` (score only when the
 * schema declares it or declares no properties). One tab stop: arrow keys move between cells,
 * Enter/Space picks one; every cell says its score and rating in text, not only in colour.
 */
export function RiskMatrixField(props: FieldProps) {
  const { fieldPathId, formData, schema, disabled, readonly, required, onChange, rawErrors } = props;
  const id = fieldPathId.$id;
  const current = readRating(formData);
  const hasSelection = current.likelihood !== undefined && current.impact !== undefined;
  const [focus, setFocus] = useState<[number, number]>([current.likelihood ?? 1, current.impact ?? 1]);
  const grid = useRef<HTMLDivElement>(null);
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const storeScore = Object.keys(properties).length === 0 || 'score' in properties;
  const locked = disabled || readonly;
  const label = fieldLabel(props);
  const labelId = `${id}__label`;
  const resultId = `${id}__result`;

  const choose = (likelihood: number, impact: number) => {
    if (locked) return;
    const rating: Partial<RiskRating> = { likelihood, impact };
    if (storeScore) rating.score = likelihood * impact;
    setFocus([likelihood, impact]);
    onChange(rating as never, fieldPathId.path);
  };

  const moveFocus = (event: KeyboardEvent<HTMLButtonElement>) => {
    const [l, i] = focus;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [Math.min(5, l + 1), i],
      ArrowDown: [Math.max(1, l - 1), i],
      ArrowLeft: [l, Math.max(1, i - 1)],
      ArrowRight: [l, Math.min(5, i + 1)],
      Home: [l, 1],
      End: [l, 5],
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    setFocus(next);
    grid.current?.querySelector<HTMLButtonElement>(`[data-cell="${next[0]}-${next[1]}"]`)?.focus();
  };

  const score = hasSelection ? current.likelihood! * current.impact! : undefined;
  return (
    <div
      className="afr-risk"
      role="group"
      aria-labelledby={labelId}
      aria-describedby={`${ariaDescribedByIds(id)} ${resultId}`}
    >
      <div id={labelId} className="control-label">
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            *
          </span>
        )}
      </div>
      <FieldDescription props={props} />
      <div className="afr-risk__layout">
        <div className="afr-risk__axis afr-risk__axis--y" aria-hidden="true">
          Likelihood ↑
        </div>
        <div
          className="afr-risk__grid"
          ref={grid}
          id={id}
          aria-invalid={rawErrors?.length ? true : undefined}
        >
          {[...SCALE].reverse().map((likelihood) => (
            <div key={likelihood} className="afr-risk__row">
              <span className="afr-risk__row-label" aria-hidden="true">
                {likelihood} {LIKELIHOOD_LABELS[likelihood - 1]}
              </span>
              {SCALE.map((impact) => {
                const cellScore = likelihood * impact;
                const level = riskLevel(cellScore);
                const selected = current.likelihood === likelihood && current.impact === impact;
                const focused = focus[0] === likelihood && focus[1] === impact;
                return (
                  <button
                    key={impact}
                    type="button"
                    data-cell={`${likelihood}-${impact}`}
                    className={`afr-risk__cell afr-risk__cell--${level}${selected ? ' is-selected' : ''}`}
                    aria-pressed={selected}
                    aria-label={`Likelihood ${likelihood} (${LIKELIHOOD_LABELS[likelihood - 1]}), impact ${impact} (${IMPACT_LABELS[impact - 1]}): score ${cellScore}, ${RISK_LEVEL_LABELS[level]}`}
                    tabIndex={focused ? 0 : -1}
                    disabled={disabled}
                    aria-disabled={readonly || undefined}
                    onClick={() => choose(likelihood, impact)}
                    onKeyDown={moveFocus}
                    onFocus={() => setFocus([likelihood, impact])}
                  >
                    {cellScore}
                  </button>
                );
              })}
            </div>
          ))}
          <div className="afr-risk__row afr-risk__row--impact" aria-hidden="true">
            <span className="afr-risk__row-label" />
            {SCALE.map((impact) => (
              <span key={impact} className="afr-risk__col-label">
                {impact} {IMPACT_LABELS[impact - 1]}
              </span>
            ))}
          </div>
          <div className="afr-risk__axis afr-risk__axis--x" aria-hidden="true">
            Impact →
          </div>
        </div>
      </div>
      <output
        id={resultId}
        className={`afr-risk__result${score ? ` afr-risk__result--${riskLevel(score)}` : ''}`}
        aria-live="polite"
      >
        {score
          ? `Score ${score} — ${RISK_LEVEL_LABELS[riskLevel(score)]} (likelihood ${current.likelihood}, impact ${current.impact})`
          : 'No rating chosen yet'}
      </output>
    </div>
  );
}
