import type { EntityManager } from 'typeorm';
import { backoffMs, errorText, type RetryPolicy } from '../outbox/durable-job';

/** A timer's firing failed; its transaction was rolled back. */
export class TimerFailure extends Error {
  constructor(
    readonly timerId: string,
    readonly cause: unknown,
  ) {
    super(`timer ${timerId}: ${errorText(cause)}`);
    this.name = 'TimerFailure';
  }
}

/**
 * Records a failed firing (in a short transaction of its own, after the firing's was rolled back):
 * one more attempt, the error, and the next try after the backoff, or `dead` after the last attempt.
 * Returns the timer's new state, or undefined when it is no longer scheduled (e.g. cancelled meanwhile).
 */
export async function recordTimerFailure(
  tx: EntityManager,
  timerId: string,
  error: unknown,
  policy: RetryPolicy,
): Promise<{ attempts: number; dead: boolean } | undefined> {
  const [row] = await tx.query(
    `SELECT attempts FROM timers WHERE id = $1 AND status = 'scheduled' FOR UPDATE`,
    [timerId],
  );
  if (!row) return undefined;
  const attempts = Number(row.attempts) + 1;
  const dead = attempts >= policy.maxAttempts;
  await tx.query(
    `UPDATE timers SET attempts = $2, last_error = $3, status = $4,
            next_run_at = now() + make_interval(secs => $5::double precision)
      WHERE id = $1`,
    [timerId, attempts, errorText(error), dead ? 'dead' : 'scheduled', backoffMs(attempts, policy) / 1000],
  );
  return { attempts, dead };
}
