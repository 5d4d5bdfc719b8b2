/** How a due date reads in a list: the tone drives the badge colour, the text always says it too. */
export interface DueInfo {
  tone: 'none' | 'overdue' | 'soon' | 'later';
  text: string;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Within this window a task counts as "due soon". */
export const DUE_SOON_MS = 2 * DAY;

/** Classifies `dueAt` against `now`: overdue, due soon (within 2 days) or later, with a short human text. */
export function dueInfo(dueAt: string | null | undefined, now: number = Date.now()): DueInfo {
  if (!dueAt) return { tone: 'none', text: 'No due date' };
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return { tone: 'none', text: 'No due date' };
  const delta = due - now;
  if (delta < 0) return { tone: 'overdue', text: `Overdue by ${span(-delta)}` };
  if (delta <= DUE_SOON_MS) return { tone: 'soon', text: `Due in ${span(delta)}` };
  return { tone: 'later', text: `Due ${formatDate(dueAt)}` };
}

function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60000))} min`;
  if (ms < DAY) {
    const hours = Math.round(ms / HOUR);
    return `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  const days = Math.round(ms / DAY);
  return `${days} day${days === 1 ? '' : 's'}`;
}

/**
 * A date as "12 Mar 2026" in the user's locale and time zone. A calendar day without a time
 * ("2027-01-01", a form's date field) is that day everywhere, not midnight UTC moved to the zone.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        ...(dayOnly ? { timeZone: 'UTC' } : {}),
      });
}

/** A timestamp as date and time in the user's locale. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
