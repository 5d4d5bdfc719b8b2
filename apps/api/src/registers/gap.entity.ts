import { Column, Entity, Index } from 'typeorm';
import { RegisterRow } from './register-row';

/** One assessed requirement area or Annex A control of the gap analysis, with the consolidated action. */
@Entity('register_gaps')
@Index('register_gaps_org_item_key', ['organizationId', 'itemId'], { unique: true })
export class GapRow extends RegisterRow {
  @Column({ name: 'item_id', type: 'text' })
  itemId: string;

  @Column({ name: 'item_kind', type: 'text' })
  itemKind: 'clause' | 'control';

  @Column({ name: 'item_title', type: 'text' })
  itemTitle: string;

  /** not-started | partial | implemented | not-applicable */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence: unknown[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', nullable: true })
  justification: string | null;

  /** From the consolidation: high | medium | low. */
  @Column({ type: 'text', nullable: true })
  priority: string | null;

  @Column({ type: 'text', nullable: true })
  action: string | null;

  @Column({ name: 'target_date', type: 'date', nullable: true })
  targetDate: string | null;
}
