import { BadRequestException } from '@nestjs/common';

/** Keyset pagination cursors: the sort key of the last row, opaque to clients. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestException({
    message: 'cursor is not valid',
    details: [{ field: 'cursor', errors: ['invalid'] }],
  });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
