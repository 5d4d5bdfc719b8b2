import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditTrailService } from '../audit/audit-trail.service';
import { Group, GroupMember } from './group.entity';
import type { CreateGroupDto } from './identity.dto';
import { User } from './user.entity';

export interface GroupView {
  id: string;
  name: string;
  description: string;
  members: { id: string; name: string; email: string }[];
}

/** Groups of an organisation (approvers, candidate groups); creation and membership are audited. */
@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrailService,
  ) {}

  async list(organizationId: string): Promise<{ items: GroupView[] }> {
    const groups = await this.dataSource
      .getRepository(Group)
      .find({ where: { organizationId }, order: { name: 'ASC' } });
    const members = groups.length
      ? await this.dataSource
          .getRepository(GroupMember)
          .createQueryBuilder('m')
          .innerJoin(User, 'u', 'u.id = m.user_id')
          .select(['m.group_id AS "groupId"', 'u.id AS "id"', 'u.name AS "name"', 'u.email AS "email"'])
          .where({ groupId: In(groups.map((g) => g.id)) })
          .orderBy('u.name')
          .getRawMany<{ groupId: string; id: string; name: string; email: string }>()
      : [];
    return {
      items: groups.map((g) => ({
        id: g.id,
        name: g.name,
        description: g.description,
        members: members
          .filter((m) => m.groupId === g.id)
          .map(({ id, name, email }) => ({ id, name, email })),
      })),
    };
  }

  async create(organizationId: string, actorId: string, dto: CreateGroupDto): Promise<GroupView> {
    const saved = await this.dataSource.transaction(async (tx) => {
      const group = await tx
        .getRepository(Group)
        .save({ organizationId, name: dto.name.trim(), description: dto.description ?? '' });
      await this.audit.append(tx, [
        {
          organizationId,
          kind: 'group.created',
          actorId,
          payload: { groupId: group.id, name: group.name, description: group.description },
        },
      ]);
      return group;
    });
    return { id: saved.id, name: saved.name, description: saved.description, members: [] };
  }

  /** Replaces the member list in one transaction; every user must belong to the same organisation. */
  async setMembers(
    organizationId: string,
    actorId: string,
    groupId: string,
    userIds: string[],
  ): Promise<GroupView> {
    await this.dataSource.transaction(async (tx) => {
      const group = await tx
        .getRepository(Group)
        .findOne({ where: { id: groupId, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!group) throw new NotFoundException({ message: 'Group not found.' });
      const found = userIds.length
        ? await tx.getRepository(User).countBy({ id: In(userIds), organizationId })
        : 0;
      if (found !== userIds.length) {
        throw new BadRequestException({
          message: 'Some userIds are not users of this organisation.',
          errors: [{ pointer: '/userIds', message: 'unknown user' }],
        });
      }
      const before = (await tx.getRepository(GroupMember).findBy({ groupId })).map((m) => m.userId);
      await tx.getRepository(GroupMember).delete({ groupId });
      if (userIds.length) {
        await tx
          .getRepository(GroupMember)
          .insert(userIds.map((userId) => ({ groupId, userId, organizationId })));
      }
      const record = (kind: string) => (userId: string) => ({
        organizationId,
        kind,
        actorId,
        payload: { groupId, groupName: group.name, userId },
      });
      await this.audit.append(tx, [
        ...userIds.filter((id) => !before.includes(id)).map(record('group.member-added')),
        ...before.filter((id) => !userIds.includes(id)).map(record('group.member-removed')),
      ]);
    });
    const view = (await this.list(organizationId)).items.find((g) => g.id === groupId);
    return view!;
  }
}
