import type { DataSource } from 'typeorm';

/** One limit: at most `limit` failed logins per key in a fixed window of `windowMs`. */
export interface ThrottleRule {
  /** The counter's key prefix, e.g. `account`. */
  name: string;
  limit: number;
}

export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * The limits of failed logins per 15 minutes: per account whatever the address (guessing one
 * password from many addresses), per address whatever the account (spraying one password over many
 * accounts), and per (address, account).
 */
export const LOGIN_RULES = {
  account: { name: 'account', limit: 10 },
  address: { name: 'address', limit: 30 },
  pair: { name: 'pair', limit: 5 },
} satisfies Record<string, ThrottleRule>;

/** Whom a login attempt is for and where it comes from. */
export interface LoginAttempt {
  address: string;
  email: string;
}

/**
 * Counts failed logins in PostgreSQL (`login_failures`, one row per key and window, upserted), so
 * every API process sees the same counters and a restart does not reset them. Fixed windows: a
 * counter starts at 0 again at each window start. The same SQL runs on PGlite.
 */
export class LoginThrottle {
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly windowMs = LOGIN_WINDOW_MS,
    private readonly rules = LOGIN_RULES,
  ) {}

  /** Seconds until the next attempt is allowed, or 0 if it is allowed now. */
  async retryAfter(attempt: LoginAttempt, now = Date.now()): Promise<number> {
    const start = this.windowStart(now);
    const keys = this.keys(attempt);
    const rows: { key: string; count: number }[] = await this.dataSource.query(
      `SELECT key, count FROM login_failures WHERE window_start = $1 AND key = ANY($2::text[])`,
      [new Date(start), keys.map((k) => k.key)],
    );
    const blocked = rows.some((row) => {
      const rule = keys.find((k) => k.key === row.key)?.rule;
      return rule !== undefined && Number(row.count) >= rule.limit;
    });
    return blocked ? Math.max(1, Math.ceil((start + this.windowMs - now) / 1000)) : 0;
  }

  /** Counts one failure against the account, the address and the pair. */
  async recordFailure(attempt: LoginAttempt, now = Date.now()): Promise<void> {
    // Sorted, so two concurrent upserts lock shared rows in the same order and never deadlock.
    const keys = this.keys(attempt)
      .map((k) => k.key)
      .sort();
    await this.dataSource.query(
      `INSERT INTO login_failures (key, window_start, count)
       SELECT k, $1, 1 FROM unnest($2::text[]) AS k
       ON CONFLICT (key, window_start) DO UPDATE SET count = login_failures.count + 1`,
      [new Date(this.windowStart(now)), keys],
    );
    await this.purge(now);
  }

  /**
   * After a successful login: clears the (address, account) counter only, so one right password
   * does not wipe the evidence of guessing against the account or from the address.
   */
  async reset(attempt: LoginAttempt): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE key = $1`, [
      this.key(this.rules.pair, attempt),
    ]);
  }

  private windowStart(now: number): number {
    return Math.floor(now / this.windowMs) * this.windowMs;
  }

  private key(rule: ThrottleRule, { address, email }: LoginAttempt): string {
    const normalized = email.trim().toLowerCase();
    if (rule.name === this.rules.account.name) return `${rule.name}:${normalized}`;
    if (rule.name === this.rules.address.name) return `${rule.name}:${address}`;
    return `${rule.name}:${address}|${normalized}`;
  }

  private keys(attempt: LoginAttempt): { key: string; rule: ThrottleRule }[] {
    return Object.values(this.rules).map((rule) => ({ key: this.key(rule, attempt), rule }));
  }

  /** Drops windows that ended, at most once a minute per process. */
  private async purge(now: number): Promise<void> {
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.dataSource.query(`DELETE FROM login_failures WHERE window_start < $1`, [
      new Date(this.windowStart(now) - this.windowMs),
    ]);
  }
}
