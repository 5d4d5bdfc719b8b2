import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/** 429 for a login refused by the throttle; answered with `Retry-After`. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        error: 'Too Many Requests',
        message: `Too many failed logins; try again in ${retryAfterSeconds} s.`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Answers a throttled login in the common error shape plus `Retry-After`. Bound to the auth
 * controller (`@UseFilters`), so it is consulted before the catch-all ErrorFilter.
 */
@Catch(LoginThrottledException)
export class IdentityErrorFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = exception.getStatus();
    const body = exception.getResponse() as Record<string, unknown>;
    if (exception instanceof LoginThrottledException)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(status).json({ statusCode: status, ...body });
  }
}
