import './process-diagram.css';
import { useState } from 'react';
import { formatStateValue } from './active-states';

/** One item of `GET /api/process-instances/{id}/history`. */
export interface HistoryEntry {
  /** A bigint on the server, so it may arrive as a string. */
  seq: number | string;
  /** `instance.started`, `event`, `task.completed`, `timer.fired`… */
  kind: string;
  eventType?: string | null;
  actorId?: string | null;
  actorName?: string | null;
  createdAt: string;
  stateBefore?: unknown;
  stateAfter?: unknown;
  payload?: unknown;
  hash: string;
  prevHash?: string;
}

export type HistoryOrder = 'newest-first' | 'oldest-first';

export interface HistoryTimelineProps {
  items: HistoryEntry[];
  /** Initial order; the user can flip it. Default newest first. */
  defaultOrder?: HistoryOrder;
  /** Formats `createdAt`; defaults to the browser's locale. */
  formatTime?: (iso: string) => string;
}

const defaultFormatTime = (iso: string) => new Date(iso).toLocaleString();

/** An instance's audit trail as an ordered list, with its hash chain visible. */
export function HistoryTimeline({
  items,
  defaultOrder = 'newest-first',
  formatTime = defaultFormatTime,
}: HistoryTimelineProps) {
  const [order, setOrder] = useState<HistoryOrder>(defaultOrder);
  const sorted = [...items].sort((a, b) => compareSeq(a.seq, b.seq) * (order === 'oldest-first' ? 1 : -1));

  return (
    <section className="pd-timeline" aria-label="Instance history">
      <div className="pd-timeline-toolbar">
        <button
          type="button"
          aria-pressed={order === 'oldest-first'}
          onClick={() => setOrder(order === 'oldest-first' ? 'newest-first' : 'oldest-first')}
        >
          Oldest first
        </button>
      </div>
      {sorted.length === 0 ? (
        <p>No history yet.</p>
      ) : (
        <ol>
          {sorted.map((entry) => (
            <li key={String(entry.seq)} className="pd-entry">
              <time dateTime={entry.createdAt}>{formatTime(entry.createdAt)}</time>
              <span className="pd-entry-what">
                <strong>{entry.kind}</strong>
                {entry.eventType ? ` · ${entry.eventType}` : ''}
              </span>
              <span className="pd-entry-hash" title={entry.hash}>
                {entry.hash.slice(0, 8)}
              </span>
              <span className="pd-entry-actor">{entry.actorName ?? entry.actorId ?? 'system'}</span>
              <span className="pd-entry-states">
                {formatStateValue(entry.stateBefore)} → {formatStateValue(entry.stateAfter)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function compareSeq(a: number | string, b: number | string): number {
  // Sequence numbers are bigints; compare as BigInt so `10` sorts after `9`.
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
