import { type ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { INT32_MAX } from './bad-input';

interface FieldError {
  field: string;
  errors: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validates every request body against its DTO, rejecting unknown fields, with a 400 naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new BadRequestException({
        error: 'Bad Request',
        message: details.map((d) => d.errors.join(', ')).join('; '),
        details,
      });
    },
  });
}

/**
 * The DTO validation pipe, which also checks numeric path parameters (`:version`): every one is
 * stored in a PostgreSQL `integer`, so anything but an integer from 0 to 2^31 − 1 answers a 400
 * naming the parameter before it reaches the database.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && metadata.metatype === Number && metadata.data) {
      const text = String(value);
      if (!/^\d{1,10}$/.test(text) || Number(text) > INT32_MAX) {
        const message = `${metadata.data} must be an integer from 0 to ${INT32_MAX}`;
        throw new BadRequestException({
          error: 'Bad Request',
          message,
          details: [{ field: metadata.data, errors: [message] }],
        });
      }
    }
    return super.transform(value, metadata);
  }
}
