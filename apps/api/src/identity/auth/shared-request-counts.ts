import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config';
import { UserRateLimiter } from './user-rate-limit';

const FLUSH_MS = 1_000;
const KEEP_WINDOWS_MS = 5 * 60_000;

/**
 * Shares the per-user request counts of this process through `api_request_counts` once a second
 * (one statement for all users seen), and learns the totals every process has counted, so a user
 * cannot multiply the limit by the number of API processes. While the database is unreachable the
 * counts stay local and are shared later.
 */
@Injectable()
export class SharedRequestCounts implements OnModuleInit, OnApplicationShutdown {
  readonly limiter: UserRateLimiter;
  private timer?: NodeJS.Timeout;
  private flushes = 0;
  private readonly logger = new Logger('SharedRequestCounts');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new UserRateLimiter(config.apiRateLimitPerMinute);
  }

  onModuleInit(): void {
    if (!this.limiter.enabled) return;
    this.timer = setInterval(
      () => void this.flush().catch((e) => this.logger.warn(`not shared: ${e.message}`)),
      FLUSH_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Adds this process's new counts to the shared ones and takes back the totals. */
  async flush(now = Date.now()): Promise<void> {
    const batch = this.limiter.drain(now);
    if (!batch) return;
    const rows: Array<{ user_id: string; count: number }> = await this.dataSource.query(
      `INSERT INTO api_request_counts (user_id, window_start, count)
       SELECT u, $1::timestamptz, n FROM unnest($2::uuid[], $3::int[]) AS t(u, n)
       ON CONFLICT (user_id, window_start) DO UPDATE SET count = api_request_counts.count + EXCLUDED.count
       RETURNING user_id, count`,
      [new Date(batch.windowStart), batch.users, batch.counts],
    );
    this.limiter.merge(
      batch.windowStart,
      rows.map((r) => ({ userId: r.user_id, count: Number(r.count) })),
    );
    if (++this.flushes % 60 === 0)
      await this.dataSource.query('DELETE FROM api_request_counts WHERE window_start < $1', [
        new Date(now - KEEP_WINDOWS_MS),
      ]);
  }
}
