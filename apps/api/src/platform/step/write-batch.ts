import type { EntityManager } from 'typeorm';

/** Adds a value to a statement's parameters and answers its placeholder (`$3`). */
export type Param = (value: unknown) => string;

/** Numbered parameters of one statement being built. */
export class SqlParams {
  readonly values: unknown[] = [];
  readonly param: Param = (value) => `$${this.values.push(value)}`;
}

interface Part {
  name: string;
  table: string;
  kind: 'insert' | 'update';
  sql: string;
  onRows?: (rows: Record<string, unknown>[]) => void;
}

/**
 * The runtime's writes of one step, sent to PostgreSQL in ONE round trip: each queued write is a
 * data-modifying CTE of a single statement (`WITH w0 AS (UPDATE …), w1 AS (INSERT …) SELECT …`).
 * All parts see the same snapshot, so a part must not depend on another's effect: a write on a
 * table this batch already inserted into flushes first, and callers keep updates of one table on
 * disjoint rows (`touched`). A later part may read an earlier one's RETURNING rows by its name.
 */
export class WriteBatch {
  private parts: Part[] = [];
  private params = new SqlParams();
  /** Rows of a table an update of this batch already targets, by id: later updates leave them out. */
  private readonly touchedIds = new Map<string, string[]>();

  get size(): number {
    return this.parts.length;
  }

  /** The ids of `table` already updated by id in this batch (a later update must exclude them). */
  touched(table: string): string[] {
    return this.touchedIds.get(table) ?? [];
  }

  /**
   * Queues one write. `build` gets the parameter function and returns the statement (with
   * RETURNING when `onRows` wants its rows); returns the part's CTE name for later parts to read.
   * When the write must see an earlier insert into the same table, flush first (`needsFlush`).
   */
  add(
    write: { table: string; kind: 'insert' | 'update'; touches?: string[] },
    build: (p: Param) => string,
    onRows?: (rows: Record<string, unknown>[]) => void,
  ): string {
    const name = `w${this.parts.length}`;
    this.parts.push({ name, table: write.table, kind: write.kind, sql: build(this.params.param), onRows });
    if (write.touches?.length)
      this.touchedIds.set(write.table, [...this.touched(write.table), ...write.touches]);
    return name;
  }

  /** Whether an update of `table` would miss rows this batch inserts (then flush before queueing it). */
  needsFlush(table: string): boolean {
    return this.parts.some((p) => p.table === table && p.kind === 'insert');
  }

  async flush(tx: EntityManager): Promise<void> {
    if (this.parts.length === 0) return;
    const parts = this.parts;
    const params = this.params;
    this.parts = [];
    this.params = new SqlParams();
    this.touchedIds.clear();
    const read = parts.filter((p) => p.onRows);
    const sql =
      `WITH ${parts.map((p) => `${p.name} AS (${p.sql})`).join(',\n')}\nSELECT ` +
      (read.length
        ? read
            .map((p) => `(SELECT coalesce(json_agg(${p.name}), '[]') FROM ${p.name}) AS ${p.name}`)
            .join(', ')
        : '1');
    const [row] = await tx.query(sql, params.values);
    for (const part of read) part.onRows!(row[part.name] as Record<string, unknown>[]);
  }
}
