import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** Express middleware: a request id (kept from `x-request-id` when given) and one JSON log line per request. */
export function requestLogger(enabled: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    (req as Request & { id: string }).id = requestId;
    res.setHeader('x-request-id', requestId);
    if (!enabled) return next();
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const user = (req as Request & { user?: { id: string } }).user;
      process.stdout.write(
        JSON.stringify({
          time: new Date().toISOString(),
          level: res.statusCode >= 500 ? 'error' : 'info',
          requestId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - start) / 1e6,
          userId: user?.id,
        }) + '\n',
      );
    });
    next();
  };
}
