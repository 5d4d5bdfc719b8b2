// Plain SQL helpers for keyset pagination, free of Nest and TypeORM (the inbox bench uses them).

/**
 * A timestamptz expression as cursor text with PostgreSQL's full (microsecond) precision, in UTC,
 * independent of the session's TimeZone and DateStyle: `2026-12-02T05:47:49.475328Z`, or
 * `infinity`. A JavaScript Date only keeps milliseconds, so a cursor built from one skips the
 * rows created later in the same millisecond; this text casts back to the exact value.
 */
export function keysetTimestamp(expression: string): string {
  return `CASE WHEN isfinite(${expression}) THEN to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE (${expression})::text END`;
}
