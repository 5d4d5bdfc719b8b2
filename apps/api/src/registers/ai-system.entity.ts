import { Column, Entity, Index } from 'typeorm';
import { RegisterRow } from './register-row';

/** The AI system inventory: one row per registered system (the registration form's data). */
@Entity('register_ai_systems')
@Index('register_ai_systems_org_name_key', ['organizationId', 'nameKey'], { unique: true })
export class AiSystemRow extends RegisterRow {
  @Column({ type: 'text' })
  name: string;

  /** `lower(trim(name))`: registering the same system again updates it. */
  @Column({ name: 'name_key', type: 'text' })
  nameKey: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'lifecycle_stage', type: 'text' })
  lifecycleStage: string;

  @Column({ name: 'our_role', type: 'text' })
  ourRole: string;

  @Column({ type: 'text' })
  automation: string;

  @Column({ name: 'uses_personal_data', type: 'boolean' })
  usesPersonalData: boolean;

  /** The whole registration as submitted. */
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
