import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../identity/organization.entity';
import { FormDefinition } from './form-definition.entity';

/** One published, immutable version of a form (a trigger refuses UPDATE and DELETE). */
@Entity('form_versions')
@Index('form_versions_org_key_version_key', ['organizationId', 'key', 'version'], { unique: true })
export class FormVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'form_versions_organization_id_fkey' })
  private readonly organizationFK?: Organization;

  @Column({ name: 'form_id', type: 'uuid' })
  formId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => FormDefinition)
  @JoinColumn({ name: 'form_id', foreignKeyConstraintName: 'form_versions_form_id_fkey' })
  private readonly formFK?: FormDefinition;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb' })
  schema: Record<string, unknown>;

  @Column({ name: 'ui_schema', type: 'jsonb' })
  uiSchema: Record<string, unknown>;

  @Column({ name: 'change_note', type: 'text' })
  changeNote: string;

  /** SHA-256 of the canonical JSON of {key, title, schema, uiSchema}. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;
}
