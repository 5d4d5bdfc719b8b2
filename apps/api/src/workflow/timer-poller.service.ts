import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ProcessRuntime } from './process-runtime.service';

/**
 * Fires due timers. Every API process polls; `FOR UPDATE SKIP LOCKED` in the runtime makes each
 * timer fire exactly once whichever process gets there first. TIMER_POLL_MS=0 turns polling off.
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimerPoller');
  private handle?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(private readonly runtime: ProcessRuntime) {}

  onApplicationBootstrap(): void {
    const every = Number(process.env.TIMER_POLL_MS ?? 1000);
    if (every > 0) this.handle = setInterval(() => void this.tick(), every);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.handle);
    await this.running;
  }

  /** Fires due timers until none is left (or 500 in one go); returns how many fired. */
  tick(): Promise<number> {
    if (this.running) return this.running;
    this.running = (async () => {
      let fired = 0;
      try {
        while (!this.stopped && fired < 500 && (await this.runtime.fireNextDueTimer())) fired++;
      } catch (error) {
        this.logger.error(`timer poll failed: ${(error as Error).message}`);
      }
      return fired;
    })().finally(() => (this.running = undefined));
    return this.running;
  }
}
