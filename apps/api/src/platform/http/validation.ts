import { type ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { INT32_MAX } from './bad-input';
import { pointer, type FieldError } from './problem';

function flatten(errors: ValidationError[], parent: string[] = []): FieldError[] {
  return errors.flatMap((e) => {
    const at = [...parent, e.property];
    const own = Object.values(e.constraints ?? {}).map((message) => ({ pointer: pointer(...at), message }));
    return [...own, ...flatten(e.children ?? [], at)];
  });
}

/** Where a pipe's value comes from, as the first token of its pointers (problem.ts). */
const SOURCE_PREFIX: Partial<Record<ArgumentMetadata['type'], string>> = {
  query: '/query',
  param: '/params',
};

/** Validates every request body against its DTO, rejecting unknown fields, with a 400 naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new BadRequestException({
        message: fieldErrors.map((e) => e.message).join('; '),
        errors: fieldErrors,
      });
    },
  });
}

/**
 * The DTO validation pipe, which also checks numeric path parameters (`:version`): every one is
 * stored in a PostgreSQL `integer`, so anything but an integer from 0 to 2^31 − 1 answers a 400
 * naming the parameter before it reaches the database. DTO errors of the query string or the path
 * point to `/query/<name>` or `/params/<name>`.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && metadata.metatype === Number && metadata.data) {
      const text = String(value);
      if (!/^\d{1,10}$/.test(text) || Number(text) > INT32_MAX) {
        const message = `${metadata.data} must be an integer from 0 to ${INT32_MAX}`;
        throw new BadRequestException({
          message,
          errors: [{ pointer: pointer('params', metadata.data), message }],
        });
      }
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      throw withSourcePrefix(error, SOURCE_PREFIX[metadata.type], metadata.data);
    }
  }
}

/** The pipe's errors re-pointed into the query or path (a single `@Query('name')` names its parameter). */
function withSourcePrefix(error: unknown, prefix: string | undefined, name: string | undefined): unknown {
  if (!prefix || !(error instanceof BadRequestException)) return error;
  const body = error.getResponse() as { message?: unknown; errors?: FieldError[] };
  if (!Array.isArray(body.errors)) return error;
  const base = prefix + (name ? pointer(name) : '');
  return new BadRequestException({
    ...body,
    errors: body.errors.map((e) => ({ ...e, pointer: base + e.pointer })),
  });
}
