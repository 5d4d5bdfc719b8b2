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

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A human task, opened when its instance enters a state declaring `meta.task`. */
@Entity('tasks')
@Index('tasks_instance_state_idx', ['instanceId', 'stateId'])
// Open tasks of an instance are looked up on every step; history makes the closed ones pile up.
@Index('tasks_open_by_instance_idx', ['instanceId', 'stateId'], { where: "status = 'open'" })
// The inbox's keyset indexes sort by COALESCE(due_at, 'infinity') (nulls last) and are written by hand
// in the InboxApprovals migration: TypeORM cannot declare expression indexes, so it must not touch them.
@Index('tasks_inbox_assignee_idx', { synchronize: false })
@Index('tasks_inbox_delegate_idx', { synchronize: false })
@Index('tasks_inbox_role_idx', { synchronize: false })
@Index('tasks_inbox_group_idx', { synchronize: false })
@Index('tasks_inbox_org_idx', { synchronize: false })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => ProcessInstance)
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'tasks_instance_id_fkey' })
  private readonly processInstanceFK?: ProcessInstance;

  /** Denormalised from the instance when the task opens, for inbox filters. */
  @Column({ name: 'definition_key', type: 'text', nullable: true })
  definitionKey: string | null;

  @Column({ name: 'state_id', type: 'text' })
  stateId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'form_key', type: 'text' })
  formKey: string;

  /** The form version published when the task opened; submissions are validated against exactly it. */
  @Column({ name: 'form_version', type: 'int', nullable: true })
  formVersion: number | null;

  @Column({ name: 'complete_event', type: 'text' })
  completeEvent: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  /** Completes on the assignee's behalf; the assignee stays accountable. */
  @Column({ name: 'delegate_id', type: 'uuid', nullable: true })
  delegateId: string | null;

  @Column({ name: 'candidate_role', type: 'text', nullable: true })
  candidateRole: string | null;

  @Column({ name: 'candidate_group_id', type: 'uuid', nullable: true })
  candidateGroupId: string | null;

  @Column({ type: 'text', default: 'open' })
  status: TaskStatus;

  @Column({ type: 'int', default: 0 })
  priority: number;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  data: unknown;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy: string | null;

  /** The assignee a delegate completed for (null when the assignee completed it). */
  @Column({ name: 'completed_for', type: 'uuid', nullable: true })
  completedFor: string | null;

  /** Set on approval-decision tasks: completing one records a decision on this chain. */
  @Column({ name: 'approval_id', type: 'uuid', nullable: true })
  approvalId: string | null;

  @Column({ name: 'approval_level', type: 'int', nullable: true })
  approvalLevel: number | null;

  /** `meta.task.escalateTo`: the role told when the task is overdue (default aims-manager). */
  @Column({ name: 'escalate_to', type: 'text', nullable: true })
  escalateTo: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'int', default: 1 })
  version: number;
}
