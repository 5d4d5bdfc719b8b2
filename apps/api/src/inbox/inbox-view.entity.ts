import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../identity/user.entity';

/** A user's saved inbox query (filters and sort), kept on the server so it follows them across browsers. */
@Entity('inbox_views')
@Index('inbox_views_user_name_key', ['userId', 'name'], { unique: true })
export class InboxView {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'inbox_views_user_id_fkey' })
  private readonly userFK?: User;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  query: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
