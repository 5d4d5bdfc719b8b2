import { ForbiddenException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AuditTrailService } from '../../audit/audit-trail.service';
import type { TaskEvents } from '../../workflow/task-events.service';
import { inTransaction } from '../../workflow/transaction';
import { RefusedDecision, StepContext } from './step-context';

/** Runs the events other steps queued (children done, approval outcomes) before the transaction ends. */
export type QueueDrain = (ctx: StepContext) => Promise<void>;

/**
 * One operation of the runtime = one transaction, all or nothing: `work` locks what it changes,
 * runs the pure engine step(s) and applies their effects; then the queued follow-up events are
 * drained, task changes staged for live inboxes, and the history appended last (the audit chain
 * head stays locked only from there to commit). Serialization failures and deadlocks are retried;
 * after the last attempt the caller gets 409. A `RefusedDecision` commits only its refusal record
 * and then answers 403.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrailService,
    private readonly taskEvents: TaskEvents,
    private readonly drain: QueueDrain,
  ) {}

  async run<T>(actorId: string | null, work: (ctx: StepContext) => Promise<T>): Promise<T> {
    let committed: StepContext | undefined;
    let result: T;
    try {
      result = await inTransaction(this.dataSource, async (tx) => {
        committed = undefined;
        const [{ now }] = await tx.query('SELECT now() AS now');
        const ctx = new StepContext(tx, new Date(now), actorId);
        let value: T;
        try {
          value = await work(ctx);
        } catch (error) {
          if (!(error instanceof RefusedDecision)) throw error;
          // A refusal changes nothing but must stay in the audit trail: commit only its history.
          await this.audit.append(
            tx,
            error.ctx.history.filter((h) => h.kind === error.historyKind),
          );
          return error as never;
        }
        await this.drain(ctx);
        await this.taskEvents.stage(tx, ctx.taskChanges);
        // Last: the chain head stays locked only from here to commit.
        await this.audit.append(tx, ctx.history, ctx.now);
        committed = ctx;
        return value;
      });
    } finally {
      if (committed) this.taskEvents.committed(committed.taskChanges);
    }
    if (result instanceof RefusedDecision) throw new ForbiddenException({ message: result.message });
    return result;
  }
}
