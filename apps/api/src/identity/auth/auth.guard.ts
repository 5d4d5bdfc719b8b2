import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { READ_ONLY_ROLES } from '../roles';
import { AuthService } from './auth.service';
import type { Principal } from './principal';
import { ANY_ROLE, PUBLIC_KEY, READ_ONLY_OK_KEY, ROLES_KEY, TEMPORARY_PASSWORD_OK_KEY } from './decorators';
import { SharedRequestCounts } from './shared-request-counts';

/** The `code` of the 403 a session with a temporary password gets on any other endpoint. */
export const PASSWORD_CHANGE_REQUIRED = 'password-change-required';

/** The session cookie's name over plain HTTP (development, tests). */
export const SESSION_COOKIE = 'aimsflow_session';
/**
 * With `COOKIE_SECURE=true` the `__Host-` prefix makes the browser accept the cookie only when it is
 * Secure, has Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = '__Host-aimsflow_session';
/** The express setting (`app.set`) that holds the session cookie name the app was started with. */
export const SESSION_COOKIE_SETTING = 'aimsflow session cookie';

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The cookie name this request's app uses; only that name is ever read, never the other one. */
export function sessionCookieOf(req: Request): string {
  return (req.app?.get(SESSION_COOKIE_SETTING) as string | undefined) ?? SESSION_COOKIE;
}

/** The bearer token of the Authorization header, if any (such a request never uses the cookie). */
export function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** The session cookie's value, if the request carries one. */
export function sessionCookie(req: Request): string | undefined {
  return (req as Request & { cookies?: Record<string, string> }).cookies?.[sessionCookieOf(req)];
}

/** Reads the session from a bearer token or else the cookie. */
export function sessionToken(req: Request): string | undefined {
  return bearerToken(req) ?? sessionCookie(req);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate of every endpoint: sign-in first, then the roles the handler declares. An endpoint
 * that declares nothing is closed, so a forgotten decorator fails safe.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly requestCounts: SharedRequestCounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const token = sessionToken(req);
    // A route middleware (e.g. evidence upload) may already have resolved this request's session.
    const principal = req.user ?? (token ? await this.auth.resolve(token) : null);
    if (!principal) throw new UnauthorizedException({ message: 'Sign in first.' });
    req.user = principal;

    const retryAfter = this.requestCounts.limiter.take(principal.userId);
    if (retryAfter > 0) {
      // Set here, so whichever filter answers the 429 keeps it.
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new HttpException(
        {
          error: 'Too Many Requests',
          message: `Too many requests; try again in ${retryAfter} s.`,
          code: 'rate-limited',
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (
      principal.passwordChangeRequired &&
      !this.reflector.getAllAndOverride<boolean>(TEMPORARY_PASSWORD_OK_KEY, targets)
    ) {
      throw new ForbiddenException({
        error: 'Forbidden',
        message: 'Change your temporary password before you go on.',
        code: PASSWORD_CHANGE_REQUIRED,
      });
    }

    const allowed = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, targets) ?? [];
    const roleOk = allowed.includes(ANY_ROLE) || principal.roles.some((r) => allowed.includes(r));
    if (!roleOk) throw new ForbiddenException({ message: 'Your role does not allow this.' });
    const readOnly = principal.roles.every((r) => READ_ONLY_ROLES.includes(r));
    if (
      readOnly &&
      !SAFE_METHODS.has(req.method) &&
      !this.reflector.getAllAndOverride<boolean>(READ_ONLY_OK_KEY, targets)
    ) {
      throw new ForbiddenException({ message: 'Your access is read-only.' });
    }
    return true;
  }
}
