/**
 * The general per-user request limit (API_RATE_LIMIT_PER_MINUTE): a fixed one-minute window per
 * user id. Each request is counted in this process's memory — no database round trip on the hot
 * path — and `SharedRequestCounts` adds every process's counts up in PostgreSQL once a second, so
 * the limit holds across API processes to within about a second of traffic.
 */
export class UserRateLimiter {
  private windowStart = 0;
  /** Per user: requests not yet shared, and the whole count across processes when last shared. */
  private readonly counts = new Map<string, { unshared: number; shared: number }>();

  constructor(
    /** Requests per user per window; 0 turns the limit off. */
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** Counts one request; answers the seconds until the window ends when it is over the limit, else 0. */
  take(userId: string, now = Date.now()): number {
    if (this.limit <= 0) return 0;
    const start = this.roll(now);
    const entry = this.counts.get(userId) ?? { unshared: 0, shared: 0 };
    entry.unshared += 1;
    this.counts.set(userId, entry);
    if (entry.shared + entry.unshared <= this.limit) return 0;
    return Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
  }

  /** The counts to add to the shared ones, taken out of `unshared`; null when there are none. */
  drain(now = Date.now()): { windowStart: number; users: string[]; counts: number[] } | null {
    const windowStart = this.roll(now);
    const users: string[] = [];
    const counts: number[] = [];
    for (const [user, entry] of this.counts) {
      if (entry.unshared === 0) continue;
      users.push(user);
      counts.push(entry.unshared);
      // Counted as shared until the answer says what the total now is.
      entry.shared += entry.unshared;
      entry.unshared = 0;
    }
    return users.length ? { windowStart, users, counts } : null;
  }

  /** The totals across processes for a window, as the shared store answered. */
  merge(windowStart: number, totals: Array<{ userId: string; count: number }>): void {
    if (windowStart !== this.windowStart) return;
    for (const { userId, count } of totals) {
      const entry = this.counts.get(userId);
      if (entry) entry.shared = Math.max(entry.shared, count);
    }
  }

  private roll(now: number): number {
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    if (start !== this.windowStart) {
      // A new window: every counter starts again, so the map holds only this minute's users.
      this.windowStart = start;
      this.counts.clear();
    }
    return start;
  }
}
