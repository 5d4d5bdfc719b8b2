import { ForbiddenException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditTrailService } from '../../audit/audit-trail.service';
import type { TaskEvents } from '../../workflow/task-events.service';
import { inTransaction } from '../../workflow/transaction';
import { RefusedDecision, StepContext } from './step-context';
import { SqlParams } from './write-batch';

/** Runs the events other steps queued (children done, approval outcomes) before the transaction ends. */
export type QueueDrain = (ctx: StepContext) => Promise<void>;

export interface RunOptions {
  /**
   * `first-statement`: the work reads now() in its first statement and calls `ctx.useClock` (saves
   * the round trip of `SELECT now()`); otherwise the clock is read before the work starts.
   */
  clock?: 'first-statement';
}

/**
 * One operation of the runtime = one transaction, all or nothing: `work` locks what it changes,
 * runs the pure engine step(s) and queues or applies their effects; then the queued follow-up
 * events are drained, the queued writes flushed, and ONE last statement appends the history (the
 * audit chain head stays locked only from there to commit), stages task changes for live inboxes
 * and answers the reads the work asked for (`ctx.readAtEnd`). Serialization failures and
 * deadlocks are retried; after the last attempt the caller gets 409. A `RefusedDecision` commits
 * only its refusal record and then answers 403.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrailService,
    private readonly taskEvents: TaskEvents,
    private readonly drain: QueueDrain,
  ) {}

  async run<T>(
    actorId: string | null,
    work: (ctx: StepContext) => Promise<T>,
    options: RunOptions = {},
  ): Promise<T> {
    let committed: StepContext | undefined;
    let result: T;
    try {
      result = await inTransaction(this.dataSource, async (tx) => {
        committed = undefined;
        const now =
          options.clock === 'first-statement'
            ? undefined
            : new Date((await tx.query('SELECT now() AS now'))[0].now);
        const ctx = new StepContext(tx, actorId, now);
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
        await ctx.flush();
        await this.finish(tx, ctx);
        committed = ctx;
        return value;
      });
    } finally {
      if (committed) this.taskEvents.committed(committed.taskChanges);
    }
    if (result instanceof RefusedDecision) throw new ForbiddenException({ message: result.message });
    return result;
  }

  /** The last statement: history, live task changes and the end reads, in one round trip. */
  private async finish(tx: EntityManager, ctx: StepContext): Promise<void> {
    const params = new SqlParams();
    const expressions = [
      ...(ctx.history.length ? this.audit.appendExpressions(ctx.history, ctx.now, params.param) : []),
      ...this.taskEvents.notifyExpressions(ctx.taskChanges, params.param),
    ];
    const reads = ctx.endReads.map((read, i) => `${read.expression(params.param)} AS r${i}`);
    if (expressions.length + reads.length === 0) return;
    const [row] = await tx.query(
      `SELECT ${[...expressions.map((e, i) => `${e} AS e${i}`), ...reads].join(', ')}`,
      params.values,
    );
    ctx.endReads.forEach((read, i) => read.resolve(row[`r${i}`]));
  }
}
