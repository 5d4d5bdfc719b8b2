import type { LoggerService } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import { Logger as NestPinoLogger, type PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { LogLevel } from '../config';
import { requestPath, type Problem } from '../http/problem';

/**
 * Whatever a log line may carry of these is replaced by "[Redacted]": session cookies and bearer
 * tokens must never reach a log, whoever logs a request, a response or its headers.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["set-cookie"]',
];

/** The one pino logger of an app: JSON lines to stdout (or the given destination, for tests). */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's own logs (`new Logger(...)`, bootstrap, exceptions) as JSON lines through the same logger. */
/** Nest's start-up lines (one per module, controller and route: about 110) are debug, so the start log stays short. */
const START_UP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

export function nestLogger(root: Logger): LoggerService {
  // nestjs-pino's Logger only calls the level methods, which a pino logger has itself.
  const pino = new NestPinoLogger(root as unknown as PinoLogger, {});
  return {
    log: (message: unknown, ...rest: unknown[]) =>
      START_UP_CONTEXTS.has(String(rest.at(-1))) ? pino.debug(message, ...rest) : pino.log(message, ...rest),
    error: (message: unknown, ...rest: unknown[]) => pino.error(message, ...rest),
    warn: (message: unknown, ...rest: unknown[]) => pino.warn(message, ...rest),
    debug: (message: unknown, ...rest: unknown[]) => pino.debug(message, ...rest),
    verbose: (message: unknown, ...rest: unknown[]) => pino.verbose(message, ...rest),
    fatal: (message: unknown, ...rest: unknown[]) => pino.fatal(message, ...rest),
  };
}

/** A request id a client or proxy may choose: short, and nothing a log or a header could choke on. */
const WELL_FORMED_REQUEST_ID = /^[\w.:-]{1,100}$/;

interface SignedIn {
  user?: { userId?: string; organizationId?: string };
}

/**
 * pino-http: one JSON line per request when it finishes (method, route, path, status, duration,
 * request id, user and organisation when signed in). 401 and 403 are `warn` lines that name the
 * actor and the reason (the problem's detail); 5xx are `error`. With `logRequests` off only those
 * are written. The request id is the caller's `X-Request-Id` when well formed, else a new UUID,
 * and is echoed in the response.
 */
export function requestLogging(root: Logger, options: { logRequests: boolean }): RequestHandler {
  const middleware = pinoHttp<IncomingMessage, ServerResponse>({
    logger: root,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && WELL_FORMED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode === 401 || res.statusCode === 403) return 'warn';
      return options.logRequests ? 'info' : 'silent';
    },
    customSuccessObject: (req, res, fields) => requestLine(req, res, fields),
    customErrorObject: (req, res, _err, fields) => requestLine(req, res, fields),
    customSuccessMessage: (_req, res) =>
      isRefusal(res.statusCode) ? 'request refused' : 'request completed',
    customErrorMessage: () => 'request failed',
  });
  return middleware as unknown as RequestHandler;
}

function isRefusal(status: number): boolean {
  return status === 401 || status === 403;
}

function requestLine(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  fields: { responseTime?: number },
): Record<string, unknown> {
  const req = incoming as Request & SignedIn;
  const res = outgoing as Response;
  const user = req.user;
  const line: Record<string, unknown> = {
    method: req.method,
    // The route's pattern (`/api/tasks/:id`) groups requests; the path says which one.
    route: req.route?.path ? `${req.baseUrl ?? ''}${String(req.route.path)}` : undefined,
    path: requestPath(req),
    status: res.statusCode,
    durationMs: fields.responseTime,
    userId: user?.userId,
    organizationId: user?.organizationId,
  };
  if (isRefusal(res.statusCode)) {
    line.actor = user?.userId ?? 'anonymous';
    line.reason = (res.locals?.problem as Problem | undefined)?.detail;
  }
  return line;
}
