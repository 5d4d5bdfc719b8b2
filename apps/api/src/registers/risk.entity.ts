import { Column, Entity, Index } from 'typeorm';
import { RegisterRow } from './register-row';

/** proposed → evaluated → (treating) → awaiting-acceptance → accepted; or avoided; sent-back when evaluation or acceptance is refused. */
export type RiskAcceptance =
  'proposed' | 'evaluated' | 'treating' | 'awaiting-acceptance' | 'accepted' | 'avoided' | 'sent-back';

/** The AI risk register: one row per risk assessment run (`ai-risk-assessment` instance). */
@Entity('register_risks')
@Index('register_risks_org_instance_key', ['organizationId', 'instanceId'], { unique: true })
export class RiskRow extends RegisterRow {
  @Column({ name: 'ai_system_id', type: 'uuid', nullable: true })
  aiSystemId: string | null;

  @Column({ name: 'ai_system_name', type: 'text', nullable: true })
  aiSystemName: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'risk_source', type: 'text' })
  riskSource: string;

  @Column({ type: 'int' })
  likelihood: number;

  @Column({ type: 'int' })
  impact: number;

  /** likelihood × impact, 1–25. */
  @Column({ type: 'int' })
  score: number;

  @Column({ type: 'text' })
  treatment: string;

  /** `[{control, howApplied?}]` */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  controls: Array<{ control: string; howApplied?: string }>;

  @Column({ name: 'residual_likelihood', type: 'int', nullable: true })
  residualLikelihood: number | null;

  @Column({ name: 'residual_impact', type: 'int', nullable: true })
  residualImpact: number | null;

  /** Who wrote the assessment (may not accept its residual risk). */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'text', default: 'proposed' })
  acceptance: RiskAcceptance;
}
