import { Column, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * What every register row keeps: its organisation, who owns it, which task and instance last wrote
 * it, and a version bumped on every change (documented information must show its revisions).
 */
export abstract class RegisterRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'source_task_id', type: 'uuid', nullable: true })
  sourceTaskId: string | null;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
