import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 for a login refused by the throttle; the ErrorFilter answers it with `Retry-After: retryAfterSeconds`. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      { message: `Too many failed logins; try again in ${retryAfterSeconds} s.` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
