import { Column, Entity, Index } from 'typeorm';
import { RegisterRow } from './register-row';

/** The AI system impact assessments: one row per `ai-impact-assessment` instance. */
@Entity('register_impact_assessments')
@Index('register_impact_assessments_org_instance_key', ['organizationId', 'instanceId'], { unique: true })
export class ImpactAssessmentRow extends RegisterRow {
  @Column({ name: 'ai_system_id', type: 'uuid', nullable: true })
  aiSystemId: string | null;

  @Column({ name: 'ai_system_name', type: 'text', nullable: true })
  aiSystemName: string | null;

  @Column({ name: 'intended_use', type: 'text' })
  intendedUse: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  affected: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  impacts: unknown[];

  /** The highest severity among the impacts, 1–5. */
  @Column({ name: 'max_severity', type: 'int' })
  maxSeverity: number;

  @Column({ type: 'text' })
  conclusion: string;

  @Column({ name: 'assessed_on', type: 'date', nullable: true })
  assessedOn: string | null;

  /** in-review | approved | sent-back */
  @Column({ type: 'text', default: 'in-review' })
  status: string;
}
