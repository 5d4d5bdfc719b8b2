import { User } from './user.entity';
import { Organization } from './organization.entity';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';

/** A named set of users, usable as the candidate group of a task. */
@Entity('groups')
@Index('groups_organization_id_name_key', ['organizationId', 'name'], { unique: true })
export class Group {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  name: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'groups_organization_id_fkey' })
  private readonly organizationFK?: Organization;

  @Column({ type: 'text', default: '' })
  description: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('group_members')
@Index('group_members_user_id_idx', ['userId'])
export class GroupMember {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => Group, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'group_members_group_id_fkey' })
  private readonly groupFK?: Group;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'group_members_user_id_fkey' })
  private readonly userFK?: User;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;
}
