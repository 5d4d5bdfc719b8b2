import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/**
 * Delivers one kind of outbox message; must be idempotent on `message.id` (delivery is at-least-once).
 * `tx` is the delivery transaction: write through it (on the embedded database a second connection would wait).
 */
export type OutboxHandler = (message: OutboxMessage, tx: EntityManager) => Promise<void>;

/**
 * Delivers outbox messages after their transaction committed. A message is marked delivered only
 * after its handler returned, so a crash in between delivers it again (at least once); failures
 * back off exponentially. OUTBOX_POLL_MS=0 turns polling off.
 */
@Injectable()
export class OutboxDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly handlers = new Map<string, OutboxHandler>();
  private handle?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly dataSource: DataSource) {
    // Until notifications have channels (in-app, email), they are delivered to the log.
    this.register('notification', async (m) =>
      this.logger.debug(`notification ${m.id}: ${JSON.stringify(m.payload)}`),
    );
  }

  register(kind: string, handler: OutboxHandler): void {
    this.handlers.set(kind, handler);
  }

  onApplicationBootstrap(): void {
    const every = Number(process.env.OUTBOX_POLL_MS ?? 1000);
    if (every > 0) this.handle = setInterval(() => void this.deliverDue(), every);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }

  /** Delivers up to `limit` due messages; returns how many were delivered. */
  deliverDue(limit = 50): Promise<number> {
    if (this.running) return this.running;
    this.running = this.dataSource
      .transaction(async (tx) => {
        const due: OutboxMessage[] = await tx
          .getRepository(OutboxMessage)
          .createQueryBuilder('m')
          .where('m.delivered_at IS NULL AND m.available_at <= now()')
          .orderBy('m.available_at')
          .take(limit)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        let delivered = 0;
        for (const message of due) {
          const handler = this.handlers.get(message.kind);
          try {
            if (!handler) throw new Error(`no handler for ${message.kind}`);
            await handler(message, tx);
            await tx
              .getRepository(OutboxMessage)
              .update({ id: message.id }, { deliveredAt: () => 'now()', attempts: message.attempts + 1 });
            delivered++;
          } catch (error) {
            const backoffSeconds = Math.min(3600, 2 ** message.attempts * 5);
            await tx.query(
              `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2, available_at = now() + make_interval(secs => $3) WHERE id = $1`,
              [message.id, String((error as Error).message).slice(0, 1000), backoffSeconds],
            );
          }
        }
        return delivered;
      })
      .catch((error) => {
        this.logger.error(`outbox delivery failed: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
