import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../identity/organization.entity';

/** A form of one organisation: its editable draft plus a pointer to the latest published version. */
@Entity('form_definitions')
@Index('form_definitions_org_key_key', ['organizationId', 'key'], { unique: true })
export class FormDefinition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'form_definitions_organization_id_fkey' })
  private readonly organizationFK?: Organization;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'draft_schema', type: 'jsonb' })
  draftSchema: Record<string, unknown>;

  @Column({ name: 'draft_ui_schema', type: 'jsonb' })
  draftUiSchema: Record<string, unknown>;

  /** Content hash of the draft, compared with the latest version's to tell whether there is anything to publish. */
  @Column({ name: 'draft_hash', type: 'text' })
  draftHash: string;

  @Column({ name: 'draft_updated_at', type: 'timestamptz' })
  draftUpdatedAt: Date;

  @Column({ name: 'draft_updated_by', type: 'uuid', nullable: true })
  draftUpdatedBy: string | null;

  @Column({ name: 'latest_version', type: 'int', nullable: true })
  latestVersion: number | null;

  /** Optimistic lock of the draft: a client sends the value it edited from as `baseVersion`. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
