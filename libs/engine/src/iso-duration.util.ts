const DAY_MS = 86_400_000;

// Calendar units have no fixed length; a durable timer needs one, so we fix them.
const UNIT_MS = {
  Y: 365 * DAY_MS,
  M: 30 * DAY_MS,
  W: 7 * DAY_MS,
  D: DAY_MS,
  H: 3_600_000,
  MIN: 60_000,
  S: 1_000,
} as const;

const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** True when `text` is an ISO-8601 duration such as `P14D` or `PT2H30M`. */
export function isIsoDuration(text: string): boolean {
  return tryParseIsoDuration(text) !== undefined;
}

/** Milliseconds of an ISO-8601 duration (year = 365 days, month = 30 days, week = 7 days); throws when invalid. */
export function parseIsoDuration(text: string): number {
  const ms = tryParseIsoDuration(text);
  if (ms === undefined) throw new Error(`Invalid ISO-8601 duration "${text}"`);
  return ms;
}

function tryParseIsoDuration(text: string): number | undefined {
  const match = ISO_DURATION.exec(text);
  // "P" alone and a dangling "T" match the regex but name no amount.
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, min, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return Math.round(
    y * UNIT_MS.Y +
      mo * UNIT_MS.M +
      w * UNIT_MS.W +
      d * UNIT_MS.D +
      h * UNIT_MS.H +
      min * UNIT_MS.MIN +
      s * UNIT_MS.S,
  );
}
