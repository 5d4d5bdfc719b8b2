import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { READ_ONLY_ROLES } from '../roles';
import { AuthService } from './auth.service';
import type { Principal } from './principal';
import { ANY_ROLE, PUBLIC_KEY, ROLES_KEY } from './decorators';

export const SESSION_COOKIE = 'aimsflow_session';

/** Reads the session from the cookie or a bearer token. */
export function sessionToken(req: Request): string | undefined {
  const header = req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return (req as Request & { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE];
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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const token = sessionToken(req);
    // A route middleware (e.g. evidence upload) may already have resolved this request's session.
    const principal = req.user ?? (token ? await this.auth.resolve(token) : null);
    if (!principal) throw new UnauthorizedException({ error: 'Unauthorized', message: 'Sign in first.' });
    req.user = principal;

    const allowed = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, targets) ?? [];
    const roleOk = allowed.includes(ANY_ROLE) || principal.roles.some((r) => allowed.includes(r));
    if (!roleOk)
      throw new ForbiddenException({ error: 'Forbidden', message: 'Your role does not allow this.' });
    const readOnly = principal.roles.every((r) => READ_ONLY_ROLES.includes(r));
    if (readOnly && !SAFE_METHODS.has(req.method)) {
      throw new ForbiddenException({ error: 'Forbidden', message: 'Your access is read-only.' });
    }
    return true;
  }
}
