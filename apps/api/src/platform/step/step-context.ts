import type { EngineEvent } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import type { NewHistoryEntry } from '../../audit/audit-trail.service';
import type { TaskChange } from '../../workflow/task-events.service';
import { WriteBatch, type Param } from './write-batch';

/** Work queued inside one transaction: events that other steps of the same transaction caused. */
export interface QueuedEvent {
  instanceId: string;
  event: EngineEvent;
  kind: string;
}

/** A scalar SQL expression evaluated in the transaction's last statement, after every write. */
export interface EndRead {
  expression: (p: Param) => string;
  resolve: (value: unknown) => void;
}

/** Per-transaction state: the database clock, queued writes and follow-up events, history to append. */
export class StepContext {
  readonly queue: QueuedEvent[] = [];
  readonly history: NewHistoryEntry[] = [];
  /** Published to live inboxes once the transaction committed. */
  readonly taskChanges: TaskChange[] = [];
  /** The runtime's writes not sent yet: flushed in one round trip before anything reads them. */
  readonly writes = new WriteBatch();
  readonly endReads: EndRead[] = [];
  private clock?: Date;

  constructor(
    readonly tx: EntityManager,
    readonly actorId: string | null,
    now?: Date,
  ) {
    this.clock = now;
  }

  /** The transaction's clock (what now() returns in it); set from the operation's first statement. */
  get now(): Date {
    if (!this.clock) throw new Error('The step has no clock yet: read now() in its first statement.');
    return this.clock;
  }

  useClock(now: Date): void {
    this.clock ??= now;
  }

  get hasClock(): boolean {
    return this.clock !== undefined;
  }

  /** Sends the queued writes (one statement); call before reading what they change. */
  flush(): Promise<void> {
    return this.writes.flush(this.tx);
  }

  /**
   * Reads `expression` in the transaction's last statement (with the history append), so it costs
   * no round trip of its own; the promise settles before the operation's result is returned.
   */
  readAtEnd<T>(expression: (p: Param) => string): Promise<T> {
    return new Promise<T>((resolve) =>
      this.endReads.push({ expression, resolve: resolve as (value: unknown) => void }),
    );
  }
}

/**
 * Thrown inside a step to abort it with 403 while still committing its refusal history records
 * (`approval.refused` for a decision, `event.refused` for an outcome event a client sent).
 */
export class RefusedDecision extends Error {
  constructor(
    message: string,
    readonly ctx: StepContext,
    readonly historyKind: 'approval.refused' | 'event.refused' = 'approval.refused',
  ) {
    super(message);
  }
}
