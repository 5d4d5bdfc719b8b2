import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';

/** The one error shape every endpoint answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_SERIALIZATION_FAILURE = '40001';

/** Turns any thrown error into `{statusCode, error, message, details?}`; lost races become 409, never 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const fromObject = typeof res === 'object' && res !== null ? (res as Record<string, unknown>) : {};
      const message = fromObject.message ?? (typeof res === 'string' ? res : exception.message);
      return {
        statusCode: status,
        error: (fromObject.error as string) ?? httpStatusName(status),
        message: Array.isArray(message) ? message.join('; ') : String(message),
        ...(fromObject.details !== undefined ? { details: fromObject.details } : {}),
      };
    }
    if (exception instanceof OptimisticLockVersionMismatchError) {
      return conflict('The record was changed by someone else; reload and try again.');
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { code?: string }).code;
      if (code === PG_UNIQUE_VIOLATION)
        return conflict('A record with the same unique value already exists.');
      if (code === PG_SERIALIZATION_FAILURE) return conflict('A concurrent change won; retry.');
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' };
  }
}

function conflict(message: string): ErrorBody {
  return { statusCode: 409, error: 'Conflict', message };
}

function httpStatusName(status: number): string {
  const name = HttpStatus[status];
  return name
    ? name.toLowerCase().replace(/(^|_)(\w)/g, (_m, sep, c) => (sep ? ' ' : '') + c.toUpperCase())
    : 'Error';
}
