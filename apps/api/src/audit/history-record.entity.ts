import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One immutable entry of an organisation's audit trail. Each carries the hash of the previous entry
 * of the same chain: a process instance's own chain, or the organisation's chain for records outside
 * instances (and for every record written before chains per instance). The database refuses UPDATE
 * and DELETE on this table.
 */
@Entity('history_records')
@Index('history_records_chain_seq_key', ['organizationId', 'chainId', 'seq'], { unique: true })
@Index('history_records_instance_idx', ['instanceId', 'seq'])
export class HistoryRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  /** The instance id for an instance's records, the organisation id for the organisation's chain. */
  @Column({ name: 'chain_id', type: 'uuid' })
  chainId: string;

  /** Position in its chain, from 1. */
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

/** The head of each chain; locking it orders appends. */
@Entity('audit_chain_heads')
@Index('audit_chain_heads_dirty_idx', ['organizationId'], { where: 'dirty' })
export class AuditChainHead {
  @PrimaryColumn({ name: 'chain_id', type: 'uuid', primaryKeyConstraintName: 'PK_audit_chain_heads_chain' })
  chainId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  hash: string;

  /** Moved since the organisation's last checkpoint sealed it. */
  @Column({ type: 'boolean', default: true })
  dirty: boolean;
}

/**
 * A signed seal over an organisation's chain heads: `body` is the canonical JSON that was hashed and
 * signed (organisation, number, previous checkpoint's hash, time, and every head that moved since).
 */
@Entity('audit_checkpoints')
export class AuditCheckpoint {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid', primaryKeyConstraintName: 'PK_audit_checkpoints' })
  organizationId: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_audit_checkpoints' })
  seq: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text' })
  hash: string;

  /** SHA-256 (hex) of the signing public key's DER (SPKI) bytes. */
  @Column({ name: 'key_id', type: 'text' })
  keyId: string;

  /** Ed25519 signature of the UTF-8 bytes of `body`, base64. */
  @Column({ type: 'text' })
  signature: string;
}
