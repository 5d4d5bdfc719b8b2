import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { fieldErrorsFrom, problem, sendProblem, type Problem } from './problem';

const PG_UNIQUE_VIOLATION = '23505';
const PG_SERIALIZATION_FAILURE = '40001';

type LoggedRequest = Request & { log?: { error(obj: object, msg: string): void } };

/**
 * Turns any thrown error into the one problem+json shape (problem.ts); lost races become 409, an
 * unreachable database 503 with Retry-After, and anything unknown a 500 that names nothing internal.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerWithProblem(exception, http.getRequest<LoggedRequest>(), http.getResponse<Response>(), this.logger);
  }
}

/**
 * The last Express error handler before Nest's routes: an error thrown by a plain middleware (which
 * the ErrorFilter never sees) is answered as a problem too, not as Express's HTML page with a stack.
 */
export function middlewareErrors(
  err: unknown,
  req: Request,
  res: Response,
  next: (err?: unknown) => void,
): void {
  if (res.headersSent) return next(err);
  answerWithProblem(err, req, res, new Logger('ErrorFilter'));
}

function answerWithProblem(
  exception: unknown,
  request: LoggedRequest,
  response: Response,
  fallback: Logger,
): void {
  const body = toProblem(exception);
  if (body.status >= 500) {
    // The request's own logger carries its request id; Nest's is the fallback outside pino-http.
    if (request.log) request.log.error({ err: exception }, 'unhandled error');
    else fallback.error(exception instanceof Error ? exception.stack : String(exception));
  }
  const retryAfter = retryAfterOf(exception, body.status);
  if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
  sendProblem(request, response, body);
}

/** The seconds of `Retry-After`: an exception's own `retryAfterSeconds` (429), else the 503 default. */
function retryAfterOf(exception: unknown, status: number): number | undefined {
  const own = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (typeof own === 'number') return own;
  return status === 503 ? RETRY_AFTER_SECONDS : undefined;
}

export function toProblem(exception: unknown): Problem {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    const fromObject = typeof res === 'object' && res !== null ? (res as Record<string, unknown>) : {};
    const message = fromObject.message ?? (typeof res === 'string' ? res : exception.message);
    return problem(status, Array.isArray(message) ? message.join('; ') : String(message), {
      errors: fieldErrorsFrom(fromObject.errors, fromObject.details),
      extensions: fromObject,
    });
  }
  if (exception instanceof OptimisticLockVersionMismatchError) {
    return problem(409, 'The record was changed by someone else; reload and try again.');
  }
  if (isDatabaseUnavailable(exception)) return databaseUnavailable();
  if (exception instanceof QueryFailedError) {
    const code = (exception as QueryFailedError & { code?: string }).code;
    if (code === PG_UNIQUE_VIOLATION)
      return problem(409, 'A record with the same unique value already exists.');
    if (code === PG_SERIALIZATION_FAILURE) return problem(409, 'A concurrent change won; retry.');
    const bad = code ? badInputFromDatabase(code, exception.message) : undefined;
    if (bad) return bad;
  }
  return problem(500, 'Something went wrong on our side.');
}

export const RETRY_AFTER_SECONDS = 5;

/** The 503 every route answers while the database cannot be reached; it never names the server. */
export function databaseUnavailable(): Problem {
  return problem(503, 'The database is unreachable; retry shortly.');
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Connection is not established|Driver not Connected|ConnectionNotFound/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /connect ECONNREFUSED/i,
];

/**
 * True when the error (or what it wraps: TypeORM's driverError, `cause`, an AggregateError's
 * errors) says the database cannot be reached, rather than that the request was wrong.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (CONNECTION_MESSAGES.some((re) => re.test(message))) return true;
  if (e.driverError && isDatabaseUnavailable(e.driverError, depth + 1)) return true;
  if (e.cause && isDatabaseUnavailable(e.cause, depth + 1)) return true;
  if (Array.isArray(e.errors)) return e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
  return false;
}

/**
 * PostgreSQL's refusals of a value the client sent (SQLSTATE class 22, data exception: a wrong
 * type, a number out of range, NUL in text, an impossible date) as a 400. The value itself is not
 * echoed; the DTOs name the field for every input they know, this is the net under them.
 */
function badInputFromDatabase(code: string, message: string): Problem | undefined {
  if (!code.startsWith('22') && code !== '54001') return undefined;
  const reason =
    code === '54001'
      ? 'the input is nested too deeply'
      : message
          .replace(/:.*$/s, '')
          .replace(/"[^"]*"/g, '…')
          .slice(0, 200);
  return problem(400, `A value in the request is not valid: ${reason}.`);
}
