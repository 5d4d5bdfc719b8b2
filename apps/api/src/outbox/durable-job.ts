import type { AppConfig } from '../platform/config';

/** How background jobs (timers, outbox messages) retry: the settings of `AppConfig`. */
export interface RetryPolicy {
  /** Failed attempts after which a job is dead. */
  maxAttempts: number;
  /** The longest wait between two attempts. */
  backoffMaxMs: number;
}

export function retryPolicy(config: Pick<AppConfig, 'jobMaxAttempts' | 'jobBackoffMaxMs'>): RetryPolicy {
  return { maxAttempts: config.jobMaxAttempts, backoffMaxMs: config.jobBackoffMaxMs };
}

/** The wait before the next attempt after `attempts` failed ones: 2^attempts seconds, at most the cap. */
export function backoffMs(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.backoffMaxMs, 1000 * 2 ** Math.min(attempts, 30));
}

/** An error as stored in `last_error`: its message (or text), at most 2,000 characters. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}
