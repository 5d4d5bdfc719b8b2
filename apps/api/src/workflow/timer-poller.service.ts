import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { retryPolicy, type RetryPolicy } from '../outbox/durable-job';
import { APP_CONFIG, type AppConfig } from '../platform/config';
import { ProcessRuntime } from './process-runtime';
import { errorText } from '../outbox/durable-job';
import { useReminderLead } from './task-deadlines';
import { recordTimerFailure, TimerFailure } from './timer-jobs';

/**
 * Fires due timers. Every API process polls; `FOR UPDATE SKIP LOCKED` in the runtime makes each
 * timer fire exactly once whichever process gets there first. Each timer fires in a transaction of
 * its own: a failing one is rolled back, retried later with backoff (dead after JOB_MAX_ATTEMPTS),
 * and the poll goes on with the others. TIMER_POLL_MS=0 turns polling off.
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimerPoller');
  private readonly policy: RetryPolicy;
  private readonly pollMs: number;
  private handle?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly runtime: ProcessRuntime,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = retryPolicy(config);
    this.pollMs = config.timerPollMs;
    useReminderLead(config.reminderLeadMs);
  }

  onApplicationBootstrap(): void {
    if (this.pollMs > 0) this.handle = setInterval(() => void this.tick(), this.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.handle);
    await this.running;
  }

  /**
   * Fires due timers until none is left (or 500 in one go); returns how many fired. A timer that
   * fails is recorded and skipped for the rest of this tick.
   */
  tick(): Promise<number> {
    if (this.running) return this.running;
    this.running = (async () => {
      let fired = 0;
      const failed: string[] = [];
      try {
        while (!this.stopped && fired + failed.length < 500) {
          try {
            if (!(await this.runtime.fireNextDueTimer(failed))) break;
            fired++;
          } catch (error) {
            if (!(error instanceof TimerFailure)) throw error;
            failed.push(error.timerId);
            await this.recordFailure(error);
          }
        }
      } catch (error) {
        this.logger.error(`timer poll failed: ${(error as Error).message}`);
      }
      return fired;
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async recordFailure(failure: TimerFailure): Promise<void> {
    const result = await this.dataSource.transaction((tx) =>
      recordTimerFailure(tx, failure.timerId, failure.cause, this.policy),
    );
    if (!result) return;
    const message = `timer ${failure.timerId} failed (attempt ${result.attempts} of ${this.policy.maxAttempts})`;
    const why = errorText(failure.cause);
    if (result.dead) this.logger.error(`${message}; it is dead now: ${why}`);
    else this.logger.warn(`${message}; retried later: ${why}`);
  }
}
