const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days the certification body gives by default to close a major nonconformity after stage 2. */
export const MAJOR_DEADLINE_DAYS = 90;
/** How long a certificate is valid by default: a certification cycle. */
export const CERTIFICATE_YEARS = 3;

/** The date as a UTC day, or null when it is not a real yyyy-mm-dd date. */
export function calendarDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || isoDate(date) !== value ? null : date;
}

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(value: string, days: number): string | null {
  const date = calendarDate(value);
  return date ? isoDate(new Date(date.getTime() + days * 86_400_000)) : null;
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(value: string, years: number): string | null {
  const date = calendarDate(value);
  if (!date) return null;
  const year = date.getUTCFullYear() + years;
  const lastDay = new Date(Date.UTC(year, date.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDate(new Date(Date.UTC(year, date.getUTCMonth(), Math.min(date.getUTCDate(), lastDay))));
}

/** The default deadline for a major nonconformity: 90 days after the last day stage 2 was held. */
export const majorDeadline = (stageTwoEndDate: unknown) =>
  typeof stageTwoEndDate === 'string' ? addDays(stageTwoEndDate, MAJOR_DEADLINE_DAYS) : null;

/** The default expiry of a certificate: three years after it was issued. */
export const defaultExpiry = (issuedOn: unknown) =>
  typeof issuedOn === 'string' ? addYears(issuedOn, CERTIFICATE_YEARS) : null;
