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

/** An uploaded evidence file, addressed by its SHA-256 within the organisation (same bytes are stored once). */
@Entity('evidence_files')
@Index('evidence_files_org_sha256_key', ['organizationId', 'sha256'], { unique: true })
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'evidence_files_organization_id_fkey' })
  private readonly organizationFK?: Organization;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
