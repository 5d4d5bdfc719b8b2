import { ProcessInstance } from './process-instance.entity';
import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';

/** The children a state started (one, or one per item); the parent resumes when the rule is met. */
@Entity('child_batches')
@Index('child_batches_parent_idx', ['parentId', 'stateId'])
export class ChildBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'parent_id', type: 'uuid' })
  parentId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => ProcessInstance)
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'child_batches_parent_id_fkey' })
  private readonly processInstanceFK?: ProcessInstance;

  @Column({ name: 'state_id', type: 'text' })
  stateId: string;

  @Column({ type: 'int' })
  total: number;

  /** 'all', or the quorum of children that must complete. */
  @Column({ type: 'int' })
  required: number;

  @Column({ type: 'int', default: 0 })
  completed: number;

  @Column({ name: 'done_event', type: 'text' })
  doneEvent: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  outputs: unknown[];

  @Column({ type: 'text', default: 'waiting' })
  status: 'waiting' | 'done' | 'cancelled';
}
