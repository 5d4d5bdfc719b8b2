import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One immutable entry of an organisation's audit trail. Each carries the hash of the previous entry
 * of the same organisation (a hash chain); the database refuses UPDATE and DELETE on this table.
 */
@Entity('history_records')
@Index('history_records_org_seq_key', ['organizationId', 'seq'], { unique: true })
@Index('history_records_instance_idx', ['instanceId', 'seq'])
export class HistoryRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  /** What happened: `instance.started`, `event`, `task.completed`, `timer.fired`, `instance.cancelled`… */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** Database clock at the step's transaction. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'state_before', type: 'jsonb', nullable: true })
  stateBefore: unknown;

  @Column({ name: 'state_after', type: 'jsonb', nullable: true })
  stateAfter: unknown;

  @Column({ type: 'jsonb', nullable: true })
  payload: unknown;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}

/** The head of each organisation's chain; locking it orders appends. */
@Entity('audit_chain_heads')
export class AuditChainHead {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  hash: string;
}
