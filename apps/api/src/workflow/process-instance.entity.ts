import { WorkflowDefinition } from './workflow-definition.entity';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';

export type InstanceStatus = 'active' | 'completed' | 'cancelled' | 'failed';

/** A running (or finished) workflow: its XState snapshot is the single source of its state. */
@Entity('process_instances')
@Index('process_instances_org_def_status_idx', ['organizationId', 'definitionKey', 'status', 'createdAt'])
@Index('process_instances_org_business_key_idx', ['organizationId', 'businessKey'])
@Index('process_instances_parent_idx', ['parentId'])
// One running AIMS programme per organisation, even when two managers press start at once.
@Index('process_instances_one_active_roadmap_key', ['organizationId'], {
  unique: true,
  where: "definition_key = 'roadmap' AND status = 'active'",
})
export class ProcessInstance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => WorkflowDefinition)
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'process_instances_definition_id_fkey' })
  private readonly workflowDefinitionFK?: WorkflowDefinition;

  @Column({ name: 'definition_key', type: 'text' })
  definitionKey: string;

  @Column({ name: 'definition_version', type: 'int' })
  definitionVersion: number;

  @Column({ name: 'business_key', type: 'text', nullable: true })
  businessKey: string | null;

  @Column({ type: 'text' })
  status: InstanceStatus;

  /** XState state value, kept beside the snapshot for queries. */
  @Column({ name: 'state_value', type: 'jsonb' })
  stateValue: unknown;

  @Column({ type: 'jsonb' })
  snapshot: unknown;

  @Column({ type: 'jsonb', nullable: true })
  input: unknown;

  @Column({ type: 'jsonb', nullable: true })
  output: unknown;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ name: 'child_batch_id', type: 'uuid', nullable: true })
  childBatchId: string | null;

  @Column({ name: 'started_by', type: 'uuid', nullable: true })
  startedBy: string | null;

  /** Bumped by every step; a step only applies to the version it read. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
