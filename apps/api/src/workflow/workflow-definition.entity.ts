import { Organization } from '../identity/organization.entity';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';

/**
 * One immutable version of a workflow definition; deploying content other than the latest version's
 * makes the next version (an older version's content again, as in a rollback, included).
 */
@Entity('workflow_definitions')
@Index('workflow_definitions_org_key_version_key', ['organizationId', 'key', 'version'], { unique: true })
@Index('workflow_definitions_org_key_hash_idx', ['organizationId', 'key', 'contentHash'])
export class WorkflowDefinition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => Organization)
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'workflow_definitions_organization_id_fkey',
  })
  private readonly organizationFK?: Organization;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  /** SHA-256 of the canonical JSON of {key, name, machine, settings}. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ type: 'jsonb' })
  machine: Record<string, unknown>;

  /** Per-organisation settings an admin may change without code (assignments, due dates…). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings: Record<string, unknown>;

  @Column({ name: 'deployed_by', type: 'uuid', nullable: true })
  deployedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
