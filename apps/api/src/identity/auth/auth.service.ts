import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../../audit/audit-trail.service';
import { APP_CONFIG, type AppConfig } from '../../platform/config';
import type { Role } from '../roles';
import { Organization } from '../organization.entity';
import { Session } from '../session.entity';
import { User } from '../user.entity';
import { LoginThrottledException } from './auth-errors';
import { LoginThrottle } from './login-throttle';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password';
import { assertStrongPassword } from './password-policy';
import type { Principal } from './principal';

/**
 * `last_used_at` moves at most this often per session, so a busy session costs one write a minute
 * rather than one per request; the idle timeout is therefore exact to within a minute (to within
 * half the timeout when SESSION_IDLE_MINUTES=1, so a session used every minute never lapses).
 */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/** One row of the session lookup: the user, the session, and the database clock. */
interface SessionRow {
  user_id: string;
  organization_id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  user_expires_at: Date | null;
  session_id: string;
  session_expires_at: Date;
  last_used_at: Date;
  password_change_required: boolean;
  now: Date;
}

function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, errors: [{ pointer: `/${field}`, message }] });
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;
  @Inject(APP_CONFIG) private readonly config!: AppConfig;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrailService,
  ) {
    this.throttle = new LoginThrottle(dataSource);
  }

  /** Checks the credentials and opens a session; the returned token is shown once and stored only hashed. */
  async login(
    email: string,
    password: string,
    clientKey: string,
  ): Promise<{ token: string; userId: string }> {
    const normalized = email.trim().toLowerCase();
    const attempt = { address: clientKey, email: normalized };
    const retryAfter = await this.throttle.retryAfter(attempt);
    if (retryAfter > 0) throw new LoginThrottledException(retryAfter);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalized })
      .getOne();
    const ok = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await DUMMY_HASH_PROMISE, password).then(() => false);
    if (!user || !ok || !isUsable(user)) {
      await this.throttle.recordFailure(attempt);
      throw new UnauthorizedException({ message: 'Email or password is wrong.' });
    }
    await this.throttle.reset(attempt);
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.getRepository(Session).insert({
      tokenHash: hashToken(token),
      userId: user.id,
      organizationId: user.organizationId,
      expiresAt: new Date(Date.now() + this.config.sessionTtlHours * 3_600_000),
      // A temporary password opens a session that may only change it.
      passwordChangeRequired: user.passwordChangeRequired,
    });
    return { token, userId: user.id };
  }

  async logout(token: string): Promise<void> {
    await this.dataSource.getRepository(Session).delete({ tokenHash: hashToken(token) });
  }

  /**
   * The principal behind a session token, or null when the token, session or user is no longer
   * valid. A session past its absolute end or idle for longer than SESSION_IDLE_MINUTES is deleted.
   */
  async resolve(token: string): Promise<Principal | null> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.organization_id, u.email, u.name, u.roles, u.active,
              u.expires_at AS user_expires_at, s.id AS session_id, s.expires_at AS session_expires_at,
              s.last_used_at, s.password_change_required, now() AS now
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    const now = new Date(row.now).getTime();
    const idleSince = now - new Date(row.last_used_at).getTime();
    const idleLimit = this.config.sessionIdleMinutes * 60_000;
    if (new Date(row.session_expires_at).getTime() <= now || idleSince > idleLimit) {
      await this.dataSource.query(`DELETE FROM sessions WHERE id = $1`, [row.session_id]);
      return null;
    }
    if (!isUsable({ active: row.active, expiresAt: row.user_expires_at && new Date(row.user_expires_at) }))
      return null;
    if (idleSince >= Math.min(SESSION_TOUCH_INTERVAL_MS, idleLimit / 2)) {
      await this.dataSource.query(`UPDATE sessions SET last_used_at = now() WHERE id = $1`, [row.session_id]);
    }
    return {
      userId: row.user_id,
      organizationId: row.organization_id,
      email: row.email,
      name: row.name,
      roles: row.roles,
      sessionId: row.session_id,
      passwordChangeRequired: row.password_change_required,
    };
  }

  /**
   * The signed-in user sets a new password. A wrong current password is a 400 that counts as a
   * failed login for the throttle. On success every other session of the user ends, this one stays
   * and may be used in full, and `user.password-changed` is appended to the audit trail.
   */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    clientKey: string,
  ): Promise<void> {
    const attempt = { address: clientKey, email: principal.email };
    const retryAfter = await this.throttle.retryAfter(attempt);
    if (retryAfter > 0) throw new LoginThrottledException(retryAfter);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: principal.userId })
      .getOneOrFail();
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.throttle.recordFailure(attempt);
      throw fieldError('currentPassword', 'currentPassword is wrong.');
    }
    if (newPassword === currentPassword)
      throw fieldError('newPassword', 'newPassword must differ from the current password.');
    const organization = await this.dataSource
      .getRepository(Organization)
      .findOneByOrFail({ id: user.organizationId });
    assertStrongPassword('newPassword', newPassword, {
      email: user.email,
      name: user.name,
      organizationName: organization.name,
    });
    // Hashed before the transaction: it is slow on purpose, and the audit head is locked until commit.
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (tx) => {
      await tx
        .getRepository(User)
        .update({ id: user.id }, { passwordHash, passwordChangeRequired: false, version: user.version + 1 });
      const others = await tx.query(
        `DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING id`,
        [user.id, principal.sessionId ?? null],
      );
      if (principal.sessionId) {
        await tx
          .getRepository(Session)
          .update({ id: principal.sessionId }, { passwordChangeRequired: false });
      }
      // Never the password: only that it was changed, by whom, and how many sessions it ended.
      await this.audit.append(tx, [
        {
          organizationId: user.organizationId,
          kind: 'user.password-changed',
          actorId: user.id,
          payload: {
            userId: user.id,
            email: user.email,
            wasTemporary: user.passwordChangeRequired,
            otherSessionsEnded: sessionsDeleted(others),
          },
        },
      ]);
    });
    await this.throttle.reset(attempt);
  }
}

/** How many rows a `DELETE … RETURNING` removed (the pg driver answers [rows, count] for it). */
function sessionsDeleted(result: unknown): number {
  if (Array.isArray(result) && Array.isArray(result[0])) return result[0].length;
  return Array.isArray(result) ? result.length : 0;
}

function isUsable(user: Pick<User, 'active' | 'expiresAt'>): boolean {
  return user.active && (!user.expiresAt || user.expiresAt.getTime() > Date.now());
}
