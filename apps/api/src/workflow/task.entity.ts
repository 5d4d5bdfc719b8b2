import { ProcessInstance } from './process-instance.entity';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A human task, opened when its instance enters a state declaring `meta.task`. */
@Entity('tasks')
@Index('tasks_instance_state_idx', ['instanceId', 'stateId'])
@Index('tasks_org_assignee_status_due_idx', ['organizationId', 'assigneeId', 'status', 'dueAt'])
@Index('tasks_org_role_status_due_idx', ['organizationId', 'candidateRole', 'status', 'dueAt'])
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

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'int', default: 1 })
  version: number;
}
