import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * Strict ISO 8601 (RFC 3339 profile): a calendar date `YYYY-MM-DD`, optionally followed by a time
 * `THH:MM[:SS[.fraction]]` and a zone `Z` or `±HH:MM`. A date-time must carry its zone.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-](\d{2}):?(\d{2})))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date (and time) in strict ISO 8601: no 2026-02-30, 2026-13-01, 25:00. */
export function isStrictIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (m[4] !== undefined) {
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59)) return false;
    if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  }
  return !Number.isNaN(Date.parse(value.replace(' ', 'T')));
}

/**
 * The one validator for date fields: a strict ISO 8601 calendar date or date-time (see
 * `isStrictIsoDate`). With `toDate` the field is also turned into a `Date` once it is valid, for
 * DTOs typed `Date`; an impossible date stays a string and is refused with a 400 naming the field.
 */
export function IsStrictIsoDate(options: ValidationOptions & { toDate?: boolean } = {}): PropertyDecorator {
  const { toDate, ...validationOptions } = options;
  return (target: object, propertyName: string | symbol) => {
    if (toDate) {
      Transform(({ obj, key }) => {
        const raw = (obj as Record<string, unknown>)[key];
        return isStrictIsoDate(raw) ? new Date(raw) : raw;
      })(target, propertyName);
    }
    registerDecorator({
      name: 'isStrictIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must be a real calendar date in ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)`,
        ...validationOptions,
      },
      validator: {
        validate: (value: unknown) =>
          toDate && value instanceof Date ? !Number.isNaN(value.getTime()) : isStrictIsoDate(value),
      },
    });
  };
}
