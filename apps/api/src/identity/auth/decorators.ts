import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../roles';
import type { Principal } from './principal';

export const ROLES_KEY = 'aimsflow:roles';
export const PUBLIC_KEY = 'aimsflow:public';
export const ANY_ROLE = '*';

/** Only holders of one of these roles may call the endpoint (the default, with no decorator, is deny). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Any signed-in user may call the endpoint; the handler scopes what they see. */
export const AnyRole = () => SetMetadata(ROLES_KEY, [ANY_ROLE]);

/** No sign-in needed (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The signed-in principal. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user,
);

export const READ_ONLY_OK_KEY = 'aimsflow:read-only-ok';

/** A POST that changes nothing (it checks an upload), so read-only roles may call it too. */
export const ReadOnlyOk = () => SetMetadata(READ_ONLY_OK_KEY, true);

export const TEMPORARY_PASSWORD_OK_KEY = 'aimsflow:temporary-password-ok';

/**
 * A session opened with a temporary password may call this endpoint (`me`, change password); every
 * other one answers 403 `password-change-required` until the password is changed.
 */
export const AllowWithTemporaryPassword = () => SetMetadata(TEMPORARY_PASSWORD_OK_KEY, true);
