import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config';
import { Session } from '../session.entity';
import { User } from '../user.entity';
import { LoginThrottledException } from './auth-errors';
import { LoginThrottle } from './login-throttle';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import type { Principal } from './principal';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;
  @Inject(APP_CONFIG) private readonly config!: AppConfig;

  constructor(private readonly dataSource: DataSource) {
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
    });
    return { token, userId: user.id };
  }

  async logout(token: string): Promise<void> {
    await this.dataSource.getRepository(Session).delete({ tokenHash: hashToken(token) });
  }

  /** The principal behind a session token, or null when the token, session or user is no longer valid. */
  async resolve(token: string): Promise<Principal | null> {
    const row = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(Session, 's', 's.user_id = u.id')
      .where('s.token_hash = :hash AND s.expires_at > now()', { hash: hashToken(token) })
      .getOne();
    if (!row || !isUsable(row)) return null;
    return {
      userId: row.id,
      organizationId: row.organizationId,
      email: row.email,
      name: row.name,
      roles: row.roles,
    };
  }
}

function isUsable(user: User): boolean {
  return user.active && (!user.expiresAt || user.expiresAt.getTime() > Date.now());
}
