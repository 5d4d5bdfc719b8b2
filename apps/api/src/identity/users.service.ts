import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Brackets, DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { AuditTrailService, type NewHistoryEntry } from '../audit/audit-trail.service';
import { decodeCursor, encodeCursor, type Page } from '../platform/pagination/cursor';
import { hashPassword } from './auth/password';
import { assertStrongPassword } from './auth/password-policy';
import { Group, GroupMember } from './group.entity';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto } from './identity.dto';
import { Organization } from './organization.entity';
import type { Role } from './roles';
import { User } from './user.entity';

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  expiresAt: string | null;
  groups: { id: string; name: string }[];
}

export interface MeView extends UserView {
  organization: { id: string; name: string; slug: string };
  /** This session was opened with a temporary password: only changing it is allowed. */
  passwordChangeRequired: boolean;
}

/** An external auditor's access must end at a set time (V16). */
const EXPIRY_REQUIRED_ROLE: Role = 'external-auditor';

function expiryRequired(): BadRequestException {
  return new BadRequestException({
    message: `expiresAt is required for an ${EXPIRY_REQUIRED_ROLE}`,
    errors: [{ pointer: '/expiresAt', message: `expiresAt is required for an ${EXPIRY_REQUIRED_ROLE}` }],
  });
}

/**
 * Addresses are unique across organisations (one sign-in per address), so a taken one must be
 * refused. The answer is the same whichever organisation holds it, and says nothing of where it is used.
 */
export const EMAIL_UNAVAILABLE = 'This email address cannot be used.';

function emailUnavailable(): ConflictException {
  return new ConflictException({ message: EMAIL_UNAVAILABLE });
}

const PG_UNIQUE_VIOLATION = '23505';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Users of an organisation. Every change of who holds which power is appended to the audit trail. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrailService,
  ) {}

  /** Users of one organisation, by name, with keyset pagination. */
  async list(organizationId: string, query: ListUsersQuery): Promise<Page<UserView>> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.organization_id = :organizationId', { organizationId })
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(limit + 1);
    if (query.search) {
      const term = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) => w.where('u.name ILIKE :term', { term }).orWhere('u.email ILIKE :term')),
      );
    }
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, ['text', 'uuid']);
      qb.andWhere('(u.name, u.id) > (:name, CAST(:id AS uuid))', { name, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.withGroups(this.dataSource.manager, page),
      nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  }

  async get(organizationId: string, id: string): Promise<UserView> {
    const user = await this.find(organizationId, id);
    return (await this.withGroups(this.dataSource.manager, [user]))[0];
  }

  async me(organizationId: string, id: string, passwordChangeRequired = false): Promise<MeView> {
    const [view, org] = await Promise.all([
      this.get(organizationId, id),
      this.dataSource.getRepository(Organization).findOneByOrFail({ id: organizationId }),
    ]);
    return {
      ...view,
      organization: { id: org.id, name: org.name, slug: org.slug },
      passwordChangeRequired,
    };
  }

  async create(
    organizationId: string,
    actorId: string,
    dto: CreateUserDto,
  ): Promise<{ user: UserView; temporaryPassword?: string }> {
    if (dto.roles.includes(EXPIRY_REQUIRED_ROLE) && !dto.expiresAt) throw expiryRequired();
    const temporaryPassword = dto.password ? undefined : randomBytes(12).toString('base64url');
    const email = dto.email.trim().toLowerCase();
    if (dto.password) {
      const organization = await this.dataSource
        .getRepository(Organization)
        .findOneByOrFail({ id: organizationId });
      assertStrongPassword('password', dto.password, {
        email,
        name: dto.name,
        organizationName: organization.name,
      });
    }
    // Hashed before the transaction: it is slow on purpose, and the audit head is locked until commit.
    const passwordHash = await hashPassword(dto.password ?? temporaryPassword!);
    // One query and one answer for an address taken in this organisation or in any other; a race lost
    // to a concurrent insert (unique index) gives the same answer.
    const saved = await this.dataSource
      .transaction(async (tx) => {
        const exists = await tx.getRepository(User).existsBy({ email });
        if (exists) throw emailUnavailable();
        const user = await tx.getRepository(User).save({
          organizationId,
          email,
          name: dto.name.trim(),
          roles: dto.roles,
          passwordHash,
          // Set by an admin, known to the admin: the user must choose their own at first sign-in.
          passwordChangeRequired: true,
          expiresAt: dto.expiresAt ?? null,
          active: true,
        });
        // Never the password: only that one was set, and by whom.
        await this.audit.append(tx, [
          {
            organizationId,
            kind: 'user.created',
            actorId,
            payload: {
              userId: user.id,
              email,
              name: user.name,
              roles: user.roles,
              expiresAt: iso(user.expiresAt),
              temporaryPassword: !!temporaryPassword,
            },
          },
        ]);
        return user;
      })
      .catch((error: unknown) => {
        if (error instanceof QueryFailedError && (error as { code?: string }).code === PG_UNIQUE_VIOLATION)
          throw emailUnavailable();
        throw error;
      });
    return {
      user: await this.get(organizationId, saved.id),
      ...(temporaryPassword ? { temporaryPassword } : {}),
    };
  }

  async update(organizationId: string, actorId: string, id: string, dto: UpdateUserDto): Promise<UserView> {
    // Read-modify-write under a row lock, so two admins editing at once cannot lose each other's change.
    await this.dataSource.transaction(async (tx) => {
      const user = await tx
        .getRepository(User)
        .findOne({ where: { id, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException({ message: 'User not found.' });
      const roles = dto.roles ?? user.roles;
      const expiresAt = dto.expiresAt !== undefined ? dto.expiresAt : user.expiresAt;
      if (roles.includes(EXPIRY_REQUIRED_ROLE) && !expiresAt) throw expiryRequired();
      await tx.getRepository(User).update(
        { id },
        {
          ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
          ...(dto.roles !== undefined ? { roles: dto.roles } : {}),
          ...(dto.active !== undefined ? { active: dto.active } : {}),
          ...(dto.expiresAt !== undefined ? { expiresAt: dto.expiresAt } : {}),
          version: user.version + 1,
        },
      );
      await this.audit.append(tx, this.changes(organizationId, actorId, user, { roles, expiresAt, dto }));
    });
    return this.get(organizationId, id);
  }

  /** The audit records of one update: who changed which power of whom, with the before and after. */
  private changes(
    organizationId: string,
    actorId: string,
    user: User,
    next: { roles: Role[]; expiresAt: Date | null; dto: UpdateUserDto },
  ): NewHistoryEntry[] {
    const entries: NewHistoryEntry[] = [];
    const record = (kind: string, payload: Record<string, unknown>) =>
      entries.push({
        organizationId,
        kind,
        actorId,
        payload: { userId: user.id, email: user.email, ...payload },
      });
    const added = next.roles.filter((r) => !user.roles.includes(r));
    const removed = user.roles.filter((r) => !next.roles.includes(r));
    if (added.length || removed.length) {
      record('user.roles-changed', { before: user.roles, after: next.roles, added, removed });
    }
    if (next.dto.active !== undefined && next.dto.active !== user.active) {
      record(next.dto.active ? 'user.reactivated' : 'user.deactivated', {});
    }
    const [before, after] = [iso(user.expiresAt), iso(next.expiresAt)];
    if (before !== after) record('user.expiry-changed', { before, after });
    return entries;
  }

  private async find(organizationId: string, id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id, organizationId });
    if (!user) throw new NotFoundException({ message: 'User not found.' });
    return user;
  }

  private async withGroups(manager: EntityManager, users: User[]): Promise<UserView[]> {
    if (users.length === 0) return [];
    const memberships = await manager
      .getRepository(GroupMember)
      .createQueryBuilder('m')
      .innerJoin(Group, 'g', 'g.id = m.group_id')
      .select(['m.user_id AS "userId"', 'g.id AS "id"', 'g.name AS "name"'])
      .where({ userId: In(users.map((u) => u.id)) })
      .orderBy('g.name')
      .getRawMany<{ userId: string; id: string; name: string }>();
    return users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      roles: u.roles,
      active: u.active,
      expiresAt: u.expiresAt ? u.expiresAt.toISOString() : null,
      groups: memberships.filter((m) => m.userId === u.id).map(({ id, name }) => ({ id, name })),
    }));
  }
}
