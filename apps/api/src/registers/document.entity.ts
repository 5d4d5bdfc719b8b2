import { Column, Entity, Index } from 'typeorm';
import { RegisterRow } from './register-row';

export type DocumentApprovalState = 'draft' | 'in-approval' | 'approved' | 'changes-requested';

/** The register of documented information (7.5): each controlled document with its current version and approval. */
@Entity('register_documents')
@Index('register_documents_org_key', ['organizationId', 'docKey'], { unique: true })
export class DocumentRow extends RegisterRow {
  /** ai-policy | ai-objectives | aims-scope | leadership-commitment | project-plan | gap-list | soa */
  @Column({ name: 'doc_key', type: 'text' })
  docKey: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'approval_state', type: 'text', default: 'draft' })
  approvalState: DocumentApprovalState;

  /** The state path whose approval signs this document, e.g. `phase-plan-prepare.scoping`. */
  @Column({ name: 'state_scope', type: 'text', nullable: true })
  stateScope: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'review_date', type: 'date', nullable: true })
  reviewDate: string | null;

  @Column({ type: 'jsonb', nullable: true })
  content: unknown;

  /** The version last approved: it stays in force while a later revision is in approval (7.5.3). */
  @Column({ name: 'in_force_version', type: 'int', nullable: true })
  inForceVersion: number | null;

  @Column({ name: 'in_force_approved_at', type: 'timestamptz', nullable: true })
  inForceApprovedAt: Date | null;

  @Column({ name: 'in_force_review_date', type: 'date', nullable: true })
  inForceReviewDate: string | null;
}
