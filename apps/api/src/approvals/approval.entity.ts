import type { ChainLevel, ChainLevelStatus, ChainStatus } from '@aimsflow/engine';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ProcessInstance } from '../workflow/process-instance.entity';

export type ApprovalStatus = ChainStatus;
export type LevelStatus = ChainLevelStatus;

/**
 * One level of a chain as the server runs it: who may decide, the rule, how many approvals it needs
 * (fixed when the level becomes current) and its status. The rules live in `@aimsflow/engine`.
 */
export type ApprovalLevelState = ChainLevel;

/**
 * An approval chain started by a state's `meta.approval`. The subject is frozen (JSON + SHA-256) at
 * the start, so every decision is provably about the same content. A new entry into the state makes a new row.
 */
@Entity('approvals')
@Index('approvals_instance_idx', ['instanceId', 'createdAt'])
@Index('approvals_org_status_idx', ['organizationId', 'status'])
export class Approval {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => ProcessInstance)
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'approvals_instance_id_fkey' })
  private readonly processInstanceFK?: ProcessInstance;

  @Column({ name: 'state_id', type: 'text' })
  stateId: string;

  /** What the definition calls the decision (`meta.approval.title`); its tasks are "Approve" without it. */
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'jsonb' })
  levels: ApprovalLevelState[];

  /** 1-based index of the level being decided. */
  @Column({ name: 'current_level', type: 'int', default: 1 })
  currentLevel: number;

  @Column({ type: 'text', default: 'pending' })
  status: ApprovalStatus;

  @Column({ type: 'jsonb', nullable: true })
  subject: unknown;

  @Column({ name: 'subject_sha256', type: 'text' })
  subjectSha256: string;

  /** Who produced the subject; they may not approve it. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  /** People the definition names in the subject who may not decide (`meta.approval.excludePeople`, e.g. the risk owner). */
  @Column({ name: 'excluded_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  excludedUserIds: string[];

  @Column({ name: 'approved_event', type: 'text' })
  approvedEvent: string;

  @Column({ name: 'rejected_event', type: 'text' })
  rejectedEvent: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}

export type Decision = 'approve' | 'reject' | 'request-changes';

/** One person's decision at one level; the subject hash shows what they saw. */
@Entity('approval_decisions')
@Index('approval_decisions_approval_idx', ['approvalId', 'level'])
@Index('approval_decisions_one_per_person_key', ['approvalId', 'userId'], { unique: true })
export class ApprovalDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'approval_id', type: 'uuid' })
  approvalId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => Approval)
  @JoinColumn({ name: 'approval_id', foreignKeyConstraintName: 'approval_decisions_approval_id_fkey' })
  private readonly approvalFK?: Approval;

  @Column({ type: 'int' })
  level: number;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  decision: Decision;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'subject_sha256', type: 'text' })
  subjectSha256: string;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
