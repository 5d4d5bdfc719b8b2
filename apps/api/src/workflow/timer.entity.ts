import { ProcessInstance } from './process-instance.entity';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';

export type TimerKind = 'engine' | 'task-reminder' | 'task-escalation';

/**
 * A durable timer: fired once, by whichever API process takes it first. A firing that fails is
 * retried with backoff (`next_run_at`) and the timer goes `dead` after too many attempts.
 */
@Entity('timers')
@Index('timers_due_idx', ['nextRunAt'], { where: `status = 'scheduled'` })
@Index('timers_instance_timer_idx', ['instanceId', 'timerId'])
@Index('timers_task_idx', ['taskId'], { where: 'task_id IS NOT NULL' })
export class Timer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => ProcessInstance)
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'timers_instance_id_fkey' })
  private readonly processInstanceFK?: ProcessInstance;

  /** `engine`: an XState delayed event; `task-reminder` / `task-escalation`: a deadline of `task_id`. */
  @Column({ type: 'text', default: 'engine' })
  kind: TimerKind;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId: string | null;

  /** The engine's id for the delayed event, used to cancel it. */
  @Column({ name: 'timer_id', type: 'text' })
  timerId: string;

  @Column({ type: 'jsonb' })
  event: Record<string, unknown>;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text', default: 'scheduled' })
  status: 'scheduled' | 'fired' | 'cancelled' | 'dead';

  /**
   * When the timer may be fired next: its due time at first (a trigger copies `due_at` on insert and
   * when `due_at` changes), later than that after a failed firing.
   */
  @Column({ name: 'next_run_at', type: 'timestamptz' })
  nextRunAt: Date;

  /** Failed firings so far. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
