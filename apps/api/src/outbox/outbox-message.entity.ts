import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A side effect outside the database (email, webhook), written in the same transaction as the step
 * that caused it and delivered after commit, at least once; `id` is the idempotency key receivers see.
 */
@Entity('outbox_messages')
@Index('outbox_messages_pending_idx', ['nextRunAt'], { where: 'delivered_at IS NULL AND dead_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When delivery may be tried (next): at once at first, later after a failed attempt. */
  @Column({ name: 'next_run_at', type: 'timestamptz', default: () => 'now()' })
  nextRunAt: Date;

  /** The lease of the process delivering it now; another process takes it over once this has passed. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** Delivery attempts so far (failed ones, plus the successful one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Set when delivery was given up after too many failed attempts (the message is dead). */
  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true })
  deadAt: Date | null;
}
