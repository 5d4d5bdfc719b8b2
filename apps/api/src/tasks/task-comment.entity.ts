import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Task } from '../workflow/task.entity';

/** A plain-text remark on a task, kept with it. */
@Entity('task_comments')
@Index('task_comments_task_idx', ['taskId', 'createdAt'])
export class TaskComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  // Declared for the foreign key only; never loaded.
  @ManyToOne(() => Task)
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'task_comments_task_id_fkey' })
  private readonly taskFK?: Task;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
