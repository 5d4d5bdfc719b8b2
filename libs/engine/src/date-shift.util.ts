const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/;
// Calendar parts only: a deadline is a day, so hours and minutes have no meaning here.
const DATE_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * `date ± duration` on the calendar, e.g. `2027-03-15 + P12M` → `2028-03-15`. Years and months move
 * the month (the day is clamped to the month's last day: `2027-01-31 + P1M` → `2027-02-28`), weeks
 * and days move the day. Used for deadlines computed from a certificate's dates, so unlike the
 * timers' fixed-length units a year here is a calendar year. A date may carry a time (`…T10:00Z`);
 * only its day is used. Returns undefined for anything that is not a date or a whole-day duration.
 */
export function shiftIsoDate(date: unknown, sign: 1 | -1, duration: string): string | undefined {
  if (typeof date !== 'string') return undefined;
  const d = CALENDAR_DATE.exec(date);
  const p = DATE_DURATION.exec(duration);
  if (!d || !p || duration === 'P') return undefined;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const start = new Date(Date.UTC(year, month - 1, day));
  if (start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) return undefined;
  const [years, months, weeks, days] = p.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const monthIndex = year * 12 + (month - 1) + sign * (years * 12 + months);
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const shifted =
    Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)) + sign * (weeks * 7 + days) * 86_400_000;
  return new Date(shifted).toISOString().slice(0, 10);
}
