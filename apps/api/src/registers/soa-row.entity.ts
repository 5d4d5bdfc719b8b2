import { Column, Entity, Index } from 'typeorm';
import { RegisterRow } from './register-row';

/** not-assessed (catalogue only) · draft (from the gap analysis) · decided (an SoA entry) · approved (the SoA was signed). */
export type SoaStage = 'catalogue' | 'draft' | 'decided' | 'approved';

/** One Statement of Applicability row: every organisation has one per Annex A control. */
@Entity('register_soa')
@Index('register_soa_org_control_key', ['organizationId', 'controlId'], { unique: true })
export class SoaRow extends RegisterRow {
  @Column({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  family: string;

  /** Null until someone has said whether it applies. */
  @Column({ type: 'boolean', nullable: true })
  applicable: boolean | null;

  @Column({ type: 'text', nullable: true })
  justification: string | null;

  /** not-assessed | not-started | planned | partial | implemented | not-applicable */
  @Column({ type: 'text', default: 'not-assessed' })
  status: string;

  @Column({ type: 'text', default: 'catalogue' })
  stage: SoaStage;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence: unknown[];
}
