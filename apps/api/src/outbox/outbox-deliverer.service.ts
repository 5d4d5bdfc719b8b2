import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config';
import { backoffMs, errorText, retryPolicy, type RetryPolicy } from './durable-job';
import { OutboxMessage } from './outbox-message.entity';

/**
 * Delivers one kind of outbox message inside the database; must be idempotent on `message.id`
 * (delivery is at-least-once). `tx` is the message's own transaction, which also marks it
 * delivered: write through it (on the embedded database a second connection would wait).
 */
export type OutboxHandler = (message: OutboxMessage, tx: EntityManager) => Promise<void>;

/**
 * Delivers one kind of outbox message outside the database (SMTP, webhooks). It runs outside any
 * transaction, so no row lock is held while it waits on the network; it must be idempotent on
 * `message.id` (a crash after sending sends again).
 */
export type OutboxSender = (message: OutboxMessage) => Promise<void>;

type Delivery = { kind: 'handler'; handler: OutboxHandler } | { kind: 'sender'; send: OutboxSender };

/**
 * Delivers outbox messages after their transaction committed, each one as a job of its own: due
 * messages are claimed with a lease (`locked_until`, in a short transaction), delivered one by one
 * (a handler in a transaction of its own, a sender outside any), and the outcome is recorded in a
 * new transaction. A message is marked delivered only after its delivery succeeded, so a crash in
 * between delivers it again (at least once). A failure is recorded on that message alone: retried
 * after an exponential backoff, dead after JOB_MAX_ATTEMPTS. OUTBOX_POLL_MS=0 turns polling off.
 */
@Injectable()
export class OutboxDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly deliveries = new Map<string, Delivery>();
  private readonly policy: RetryPolicy;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private handle?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = retryPolicy(config);
    this.leaseMs = config.outboxLeaseMs;
    this.pollMs = config.outboxPollMs;
    // Until notifications have channels (in-app, email), they are delivered to the log.
    this.register('notification', async (m) =>
      this.logger.debug(`notification ${m.id}: ${JSON.stringify(m.payload)}`),
    );
  }

  /** Messages of `kind` are delivered by `handler`, inside a transaction of their own. */
  register(kind: string, handler: OutboxHandler): void {
    this.deliveries.set(kind, { kind: 'handler', handler });
  }

  /** Messages of `kind` are sent by `send`, outside any transaction (network calls). */
  registerSender(kind: string, send: OutboxSender): void {
    this.deliveries.set(kind, { kind: 'sender', send });
  }

  onApplicationBootstrap(): void {
    if (this.pollMs > 0) this.handle = setInterval(() => void this.deliverDue(), this.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }

  /** Delivers up to `limit` due messages; returns how many were delivered. */
  deliverDue(limit = 50): Promise<number> {
    if (this.running) return this.running;
    this.running = (async () => {
      const claimed = await this.claim(limit);
      let delivered = 0;
      for (const message of claimed) if (await this.deliver(message)) delivered++;
      return delivered;
    })()
      .catch((error) => {
        this.logger.error(`outbox delivery failed: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Takes the lease of up to `limit` due messages, oldest due first, and commits at once. */
  private claim(limit: number): Promise<OutboxMessage[]> {
    return this.dataSource.transaction(async (tx) => {
      const due = await tx
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.delivered_at IS NULL AND m.dead_at IS NULL AND m.next_run_at <= now()')
        .andWhere('(m.locked_until IS NULL OR m.locked_until <= now())')
        .orderBy('m.next_run_at')
        .take(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (due.length > 0) {
        await tx
          .getRepository(OutboxMessage)
          .update(
            { id: In(due.map((m) => m.id)) },
            { lockedUntil: () => `now() + make_interval(secs => ${this.leaseMs / 1000})` },
          );
      }
      return due;
    });
  }

  /** Delivers one claimed message and records the outcome; true when it was delivered. */
  private async deliver(message: OutboxMessage): Promise<boolean> {
    const delivery = this.deliveries.get(message.kind);
    const delivered = {
      deliveredAt: () => 'now()',
      attempts: message.attempts + 1,
      lockedUntil: null,
    };
    try {
      if (!delivery) throw new Error(`no handler for outbox messages of kind ${message.kind}`);
      if (delivery.kind === 'handler') {
        await this.dataSource.transaction(async (tx) => {
          await delivery.handler(message, tx);
          await tx.getRepository(OutboxMessage).update({ id: message.id, deliveredAt: IsNull() }, delivered);
        });
      } else {
        await delivery.send(message);
        await this.dataSource
          .getRepository(OutboxMessage)
          .update({ id: message.id, deliveredAt: IsNull() }, delivered);
      }
      return true;
    } catch (error) {
      await this.recordFailure(message, error);
      return false;
    }
  }

  /** In a short transaction of its own: one more attempt, the error, and the next try or death. */
  private async recordFailure(message: OutboxMessage, error: unknown): Promise<void> {
    const attempts = message.attempts + 1;
    const dead = attempts >= this.policy.maxAttempts;
    await this.dataSource.query(
      `UPDATE outbox_messages SET attempts = $2, last_error = $3, locked_until = NULL,
              next_run_at = now() + make_interval(secs => $4::double precision),
              dead_at = CASE WHEN $5::boolean THEN now() END
        WHERE id = $1 AND delivered_at IS NULL`,
      [message.id, attempts, errorText(error), backoffMs(attempts, this.policy) / 1000, dead],
    );
    const what = `outbox message ${message.id} (${message.kind}) failed (attempt ${attempts} of ${this.policy.maxAttempts})`;
    if (dead) this.logger.error(`${what}; it is dead now: ${errorText(error)}`);
    else this.logger.warn(`${what}; retried later: ${errorText(error)}`);
  }
}
