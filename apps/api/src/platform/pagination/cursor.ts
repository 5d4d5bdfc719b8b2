import { BadRequestException } from '@nestjs/common';
import { textProblem } from '../http/bad-input';
import { isStrictIsoDate } from '../http/strict-iso-date';

/** Keyset pagination cursors: the sort key of the last row, opaque to clients. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What one position of a cursor must hold, checked before any of it reaches SQL:
 * - `text`: a string PostgreSQL can store (no NUL, no lone surrogate), at most 1,000 characters;
 * - `uuid`: a UUID;
 * - `timestamp`: a timestamp as `keysetTimestamp` writes it (microseconds, UTC), or `infinity`;
 * - `int`: an integer within PostgreSQL's `integer`.
 */
export type CursorField = 'text' | 'uuid' | 'timestamp' | 'int';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What keysetTimestamp produces, and (from older cursors) Date.toISOString().
const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$/;

function fits(value: unknown, field: CursorField): boolean {
  switch (field) {
    case 'text':
      return typeof value === 'string' && value.length <= 1000 && !textProblem(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'timestamp':
      return (
        typeof value === 'string' &&
        (value === 'infinity' || (TIMESTAMP.test(value) && isStrictIsoDate(value)))
      );
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2_147_483_647;
  }
}

export function invalidCursor(): BadRequestException {
  return new BadRequestException({
    message: 'cursor is not valid',
    errors: [{ pointer: '/query/cursor', message: 'cursor is not valid; start again from the first page' }],
  });
}

/**
 * The values of a cursor, each checked against its field kind; any other cursor (not base64url
 * JSON, wrong length, a value of the wrong type) answers a 400 naming `cursor`, never a 500.
 */
export function decodeCursor(cursor: string, fields: number | readonly CursorField[]): unknown[] {
  const length = typeof fields === 'number' ? fields : fields.length;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      (typeof fields === 'number' || fields.every((f, i) => fits(values[i], f)))
    )
      return values;
  } catch {
    // fall through to the 400 below
  }
  throw invalidCursor();
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
