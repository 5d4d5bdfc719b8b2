import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Subject } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { DATABASE_DRIVER } from '../platform/database/database.module';
import type { DatabaseDriver } from '../platform/database/data-source-options';

export type TaskChangeKind = 'opened' | 'claimed' | 'completed' | 'cancelled' | 'updated';

export interface TaskChange {
  organizationId: string;
  id: string;
  change: TaskChangeKind;
}

export const TASKS_CHANNEL = 'aimsflow_tasks';

/** A listener of another NOTIFY channel (see `TaskEvents.subscribe`). */
export interface ChannelSubscriber {
  onNotice(payload: string): void;
  onGap(): void;
}
// pg_notify payloads must stay under 8000 bytes; ~60 bytes per change.
const CHANGES_PER_NOTIFY = 60;
/** Reconnect backoff of the LISTEN connection: 0.5 s, doubling up to 30 s, forever. */
export const LISTEN_RETRY_FIRST_MS = 500;
export const LISTEN_RETRY_MAX_MS = 30_000;

/**
 * Task changes for live inboxes, published only after the transaction that made them committed.
 * On a PostgreSQL server the changes go out with `pg_notify` inside that transaction (delivered on
 * commit) and every API process hears them on its own LISTEN connection; on the embedded database
 * (one process, no cross-connection NOTIFY) they are emitted in process after commit.
 * When the LISTEN connection ends or fails (server restart, `pg_terminate_backend`), it is opened
 * again with exponential backoff, forever; changes committed while it was down are not replayed
 * (live inboxes refetch on their next event).
 */
@Injectable()
export class TaskEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TaskEvents');
  readonly changes = new Subject<TaskChange>();
  private listener?: Client;
  private stopped = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;
  private readonly subscribers = new Map<string, ChannelSubscriber>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_DRIVER) private readonly driver: DatabaseDriver,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.driver === 'postgres') await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    this.changes.complete();
  }

  /**
   * Hears another channel on the same LISTEN connection (e.g. cache invalidations). `onGap` runs
   * each time the connection opens or reopens: notices sent while it was down are lost, so a cache
   * drops everything then. Only on a PostgreSQL server; the embedded database has one process.
   */
  subscribe(channel: string, subscriber: ChannelSubscriber): void {
    if (!/^[a-z_]+$/.test(channel) || channel === TASKS_CHANNEL) throw new Error(`bad channel ${channel}`);
    this.subscribers.set(channel, subscriber);
    if (this.listener) {
      void this.listener.query(`LISTEN ${channel}`).catch(() => undefined);
      subscriber.onGap();
    }
  }

  /** Sends `payload` on `channel` when the transaction commits (PostgreSQL only; see `subscribe`). */
  async notify(tx: EntityManager, channel: string, payload: string): Promise<void> {
    if (this.driver === 'postgres') await tx.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** Call inside the transaction, last: on PostgreSQL the notification is sent by the commit. */
  async stage(tx: EntityManager, changes: TaskChange[]): Promise<void> {
    for (const payload of this.payloads(changes))
      await tx.query('SELECT pg_notify($1, $2)', [TASKS_CHANNEL, payload]);
  }

  /** The `pg_notify` calls `stage` would send, as SQL expressions, for a caller's own last statement. */
  notifyExpressions(changes: TaskChange[], param: (value: unknown) => string): string[] {
    return this.payloads(changes).map((payload) => `pg_notify(${param(TASKS_CHANNEL)}, ${param(payload)})`);
  }

  private payloads(changes: TaskChange[]): string[] {
    if (this.driver !== 'postgres' || changes.length === 0) return [];
    const payloads: string[] = [];
    for (let i = 0; i < changes.length; i += CHANGES_PER_NOTIFY) {
      const batch = changes.slice(i, i + CHANGES_PER_NOTIFY).map((c) => [c.organizationId, c.id, c.change]);
      payloads.push(JSON.stringify(batch));
    }
    return payloads;
  }

  /** Call after commit. */
  committed(changes: TaskChange[]): void {
    if (this.driver === 'postgres') return; // the LISTEN connection delivers them, to every process
    for (const change of changes) this.changes.next(change);
  }

  /** The server process id of the LISTEN connection, while it is up (for tests and diagnostics). */
  get listenerPid(): number | undefined {
    return (this.listener as unknown as { processID?: number } | undefined)?.processID;
  }

  /** Opens the LISTEN connection; on failure, or when it later ends, tries again with backoff. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url });
    let lost = false;
    const reconnect = (reason: string) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      const delay = Math.min(LISTEN_RETRY_FIRST_MS * 2 ** this.failures, LISTEN_RETRY_MAX_MS);
      this.failures++;
      this.logger.warn(`LISTEN connection lost: ${reason}; reconnecting in ${delay} ms`);
      this.retry = setTimeout(() => void this.listen(), delay);
    };
    client.on('notification', (msg) => {
      const subscriber = this.subscribers.get(msg.channel);
      if (subscriber) return subscriber.onNotice(msg.payload ?? '');
      if (msg.channel !== TASKS_CHANNEL || !msg.payload) return;
      try {
        for (const [organizationId, id, change] of JSON.parse(msg.payload) as [
          string,
          string,
          TaskChangeKind,
        ][]) {
          this.changes.next({ organizationId, id, change });
        }
      } catch (error) {
        this.logger.warn(`bad ${TASKS_CHANNEL} payload: ${(error as Error).message}`);
      }
    });
    client.on('error', (error) => reconnect(error.message));
    client.on('end', () => reconnect('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${TASKS_CHANNEL}`);
      for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      reconnect((error as Error).message);
      return;
    }
    if (lost) return;
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    if (this.failures > 0) this.logger.log(`LISTEN connection restored after ${this.failures} attempt(s)`);
    this.failures = 0;
    this.listener = client;
    for (const subscriber of this.subscribers.values()) subscriber.onGap();
  }
}
