import { BadRequestException } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import type { RecordQuery } from './register-records.service';

const RESERVED = new Set(['q', 'cursor', 'limit', 'sort', 'order']);

/**
 * A register list's query string. Its filter names are the register's declared fields, so they
 * cannot be a fixed DTO; every value is still checked here, and the service checks each name
 * against the declaration (an undeclared filter is a 400, never ignored).
 */
export function parseRegisterQuery(raw: Record<string, unknown>): RecordQuery {
  const text = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length > 500)
      throw new BadRequestException({ message: `${name} must be one text value of at most 500 characters` });
    return value;
  };
  const limitText = text('limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 500))
    throw new BadRequestException({ message: 'limit must be an integer from 1 to 500' });
  const order = text('order');
  if (order !== undefined && order !== 'asc' && order !== 'desc')
    throw new BadRequestException({ message: 'order must be asc or desc' });
  const filters: Record<string, string> = {};
  for (const name of Object.keys(raw)) if (!RESERVED.has(name)) filters[name] = text(name)!;
  return { q: text('q'), cursor: text('cursor'), limit, sort: text('sort'), order, filters };
}

/** `POST /api/registers` and `PUT /api/registers/{key}`: a register declaration (see docs/registers.md). */
export class SaveRegisterDto {
  @ApiProperty({ description: 'key, title, fields (JSON Schema), columns, filters, status, projections' })
  @IsObject()
  declaration: Record<string, unknown>;
}
