import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from './auth/password';
import { Organization } from './organization.entity';
import type { Role } from './roles';
import { User } from './user.entity';
import { Group, GroupMember } from './group.entity';

export const DEMO_PASSWORD = 'aimsflow-demo';
export const DEMO_ORGANIZATION = { name: 'Acme AI Ltd', slug: 'acme' };
export const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: 'admin@acme.example', name: 'Ada Admin', roles: ['admin'] },
  { email: 'manager@acme.example', name: 'Maya Manager', roles: ['aims-manager'] },
  // A second AIMS manager: segregation of duties forbids deciding on one's own drafts.
  { email: 'manager2@acme.example', name: 'Dev Deputy', roles: ['aims-manager'] },
  { email: 'owner@acme.example', name: 'Omar Owner', roles: ['contributor'] },
  { email: 'ceo@acme.example', name: 'Cleo Chief', roles: ['top-management'] },
  { email: 'auditor@acme.example', name: 'Ivan Auditor', roles: ['internal-auditor'] },
  { email: 'external@acme.example', name: 'Erin External', roles: ['external-auditor'] },
];

@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(private readonly dataSource: DataSource) {}

  /** On an empty database: the demo organisation with one user per role. Idempotent. */
  async seedDemo(): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      // Serialises concurrent first starts of several API processes.
      await tx.query('SELECT pg_advisory_xact_lock(4200001)');
      if ((await tx.getRepository(Organization).count()) > 0) return false;
      const org = await tx.getRepository(Organization).save(DEMO_ORGANIZATION);
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      const users = await tx.getRepository(User).save(
        DEMO_USERS.map((u) => ({
          ...u,
          organizationId: org.id,
          passwordHash,
          // External auditors get time-boxed access.
          expiresAt: u.roles.includes('external-auditor') ? new Date(Date.now() + 90 * 86_400_000) : null,
        })),
      );
      const group = await tx
        .getRepository(Group)
        .save({ organizationId: org.id, name: 'AI governance board', description: 'Reviews AIMS decisions' });
      await tx
        .getRepository(GroupMember)
        .insert(
          users
            .filter((u) => u.roles.includes('aims-manager') || u.roles.includes('top-management'))
            .map((u) => ({ groupId: group.id, userId: u.id, organizationId: org.id })),
        );
      this.logger.log(`seeded demo organisation "${org.name}" with ${users.length} users`);
      return true;
    });
  }

  /** Creates, or resets the password and admin role of, the operator's admin in the default organisation. */
  async ensureAdmin(email: string, password: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4200001)');
      const org = await this.defaultOrganization(tx);
      const users = tx.getRepository(User);
      const existing = await users.findOneBy({ email: normalized });
      if (existing) {
        const roles = existing.roles.includes('admin')
          ? existing.roles
          : [...existing.roles, 'admin' as Role];
        await users.update({ id: existing.id }, { passwordHash, roles, active: true, expiresAt: null });
      } else {
        await users.insert({
          organizationId: org.id,
          email: normalized,
          name: 'Administrator',
          roles: ['admin'],
          passwordHash,
        });
      }
    });
  }

  private async defaultOrganization(tx: EntityManager): Promise<Organization> {
    const first = await tx.getRepository(Organization).find({ order: { createdAt: 'ASC' }, take: 1 });
    return (
      first[0] ??
      (await tx.getRepository(Organization).save({ name: 'Default organisation', slug: 'default' }))
    );
  }
}
