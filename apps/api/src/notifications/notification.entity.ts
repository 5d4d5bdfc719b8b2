import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../identity/user.entity';

/** An in-app notification for one user. `source_id` (the outbox message) makes delivery idempotent. */
@Entity('notifications')
@Index('notifications_user_created_idx', ['userId', 'createdAt'])
@Index('notifications_user_unread_idx', ['userId'], { where: 'read_at IS NULL' })
@Index('notifications_source_user_key', ['sourceId', 'userId'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notifications_user_id_fkey' })
  private readonly userFK?: User;

  /** The template name, e.g. `task-reminder`, `task-escalation`, `document-in-approval`, `digest`. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ type: 'text', nullable: true })
  link: string | null;

  @Column({ name: 'source_id', type: 'text' })
  sourceId: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Per-user notification settings: email opt-outs by kind, and the day of the last digest. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_preferences_user_id_fkey' })
  private readonly userFK?: User;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'email_off', type: 'text', array: true, default: () => "'{}'" })
  emailOff: string[];

  @Column({ name: 'last_digest_on', type: 'date', nullable: true })
  lastDigestOn: string | null;

  /** SHA-256 of the secret in the user's calendar feed URL (the secret itself is shown once). */
  @Column({ name: 'calendar_token_hash', type: 'text', nullable: true, unique: true })
  calendarTokenHash: string | null;
}
