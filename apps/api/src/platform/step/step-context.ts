import type { EngineEvent } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import type { NewHistoryEntry } from '../../audit/audit-trail.service';
import type { TaskChange } from '../../workflow/task-events.service';

/** Work queued inside one transaction: events that other steps of the same transaction caused. */
export interface QueuedEvent {
  instanceId: string;
  event: EngineEvent;
  kind: string;
}

/** Per-transaction state: the database clock, queued follow-up events and history to append. */
export class StepContext {
  readonly queue: QueuedEvent[] = [];
  readonly history: NewHistoryEntry[] = [];
  /** Published to live inboxes once the transaction committed. */
  readonly taskChanges: TaskChange[] = [];
  constructor(
    readonly tx: EntityManager,
    readonly now: Date,
    readonly actorId: string | null,
  ) {}
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
