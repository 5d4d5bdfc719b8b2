/**
 * The general per-user request limit (API_RATE_LIMIT_PER_MINUTE): a fixed one-minute window per
 * user id, counted in this process's memory so that it costs no database round trip on the hot
 * path. It is therefore per API process: with API_WORKERS=n a user may make up to n times the limit.
 * (The login throttle, which must hold across processes and restarts, is in PostgreSQL.)
 */
export class UserRateLimiter {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    /** Requests per user per window; 0 turns the limit off. */
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; answers the seconds until the window ends when it is over the limit, else 0. */
  take(userId: string, now = Date.now()): number {
    if (this.limit <= 0) return 0;
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    if (start !== this.windowStart) {
      // A new window: every counter starts again, so the map holds only this minute's users.
      this.windowStart = start;
      this.counts.clear();
    }
    const count = (this.counts.get(userId) ?? 0) + 1;
    this.counts.set(userId, count);
    if (count <= this.limit) return 0;
    return Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
  }
}
