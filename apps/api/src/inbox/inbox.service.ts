import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllowedActions } from '../approvals/allowed-actions';
import type { Principal } from '../identity/auth/principal';
import { User } from '../identity/user.entity';
import { decodeCursor, encodeCursor, invalidCursor } from '../platform/pagination/cursor';
import { InboxView } from './inbox-view.entity';
import type { InboxQueryDto, SaveViewDto } from './inbox.dto';
import {
  buildInboxCountsQuery,
  buildInboxPageQuery,
  type InboxFilter,
  type InboxRow,
  type InboxSort,
} from './inbox.query';

/** Who may list every task of the organisation (filter=all). */
const SEE_ALL = ['admin', 'aims-manager', 'internal-auditor', 'external-auditor'];

function item(r: InboxRow) {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    formKey: r.form_key,
    formVersion: r.form_version,
    instanceId: r.instance_id,
    definitionKey: r.definition_key,
    stateId: r.state_id,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    candidateRole: r.candidate_role,
    candidateGroupId: r.candidate_group_id,
    candidateGroupName: r.candidate_group_name,
    delegateId: r.delegate_id,
    delegateName: r.delegate_name,
    approvalId: r.approval_id,
    dueAt: r.due_at,
    priority: r.priority,
    createdAt: r.created_at,
    completedAt: r.completed_at,
  };
}

/** The task inbox: what a user holds, may claim, or (managers and auditors) everything, with keyset pages. */
@Injectable()
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  async list(user: Principal, query: InboxQueryDto) {
    const filter: InboxFilter = query.filter ?? 'inbox';
    if (filter === 'all' && !user.roles.some((r) => SEE_ALL.includes(r))) {
      throw new ForbiddenException({
        message: 'Only managers and auditors may list every task of the organisation.',
      });
    }
    const sort: InboxSort = query.sort ?? 'due';
    const limit = query.limit ?? 25;
    let after: { key: string | number; id: string } | undefined;
    if (query.cursor) {
      // The sort the cursor was made for, then its key (exact timestamp text, or a priority), then the id.
      const [cursorSort, key, id] = decodeCursor(query.cursor, [
        'text',
        sort === 'priority' ? 'int' : 'timestamp',
        'uuid',
      ]);
      if (cursorSort !== sort) throw invalidCursor();
      after = { key: key as string | number, id: id as string };
    }
    const groupIds = await this.groupIdsOf(user);
    const scope = {
      organizationId: user.organizationId,
      userId: user.userId,
      roles: user.roles as string[],
      groupIds,
    };
    const page = buildInboxPageQuery({
      ...scope,
      filter,
      status: query.status ?? 'open',
      dueBefore: query.dueBefore,
      dueAfter: query.dueAfter,
      overdue: query.overdue,
      definitionKey: query.definitionKey,
      formKey: query.formKey,
      q: query.q,
      sort,
      after,
      limit,
    });
    const counts = buildInboxCountsQuery(scope);
    const rows: InboxRow[] = await this.dataSource.query(page.text, page.values);
    const [count] = await this.dataSource.query(counts.text, counts.values);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    // What the user may do with each item, with the reason when not (the same rules as the actions).
    const allowed = new AllowedActions(this.dataSource.manager, user, groupIds);
    const views = [];
    for (const row of items) {
      const allowedActions = await allowed.forTask({
        status: row.status,
        approvalId: row.approval_id,
        assigneeId: row.assignee_id,
        delegateId: row.delegate_id,
        candidateRole: row.candidate_role,
        candidateGroupId: row.candidate_group_id,
      });
      views.push({ ...item(row), allowedActions });
    }
    return {
      items: views,
      nextCursor: rows.length > limit && last ? encodeCursor([sort, last.sort_key, last.id]) : null,
      counts: { mine: count.mine, available: count.available, overdue: count.overdue },
    };
  }

  /**
   * Active people of the organisation by name, so anyone holding a task can pick a delegate (the user
   * directory, `GET /api/users`, is for managers only and carries roles and groups).
   */
  async people(user: Principal) {
    const users = await this.dataSource.getRepository(User).find({
      where: { organizationId: user.organizationId, active: true },
      order: { name: 'ASC', id: 'ASC' },
      select: { id: true, name: true, email: true },
    });
    return { items: users.map((u) => ({ id: u.id, name: u.name, email: u.email })) };
  }

  async views(user: Principal) {
    const views = await this.dataSource
      .getRepository(InboxView)
      .find({ where: { organizationId: user.organizationId, userId: user.userId }, order: { name: 'ASC' } });
    return { items: views.map(viewOf) };
  }

  /** Saves a view; the same name replaces the user's earlier view of that name. */
  async saveView(user: Principal, dto: SaveViewDto) {
    const query = JSON.parse(JSON.stringify(dto.query)) as Record<string, unknown>;
    await this.dataSource.query(
      `INSERT INTO inbox_views (organization_id, user_id, name, query) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, name) DO UPDATE SET query = EXCLUDED.query`,
      [user.organizationId, user.userId, dto.name, JSON.stringify(query)],
    );
    const view = await this.dataSource
      .getRepository(InboxView)
      .findOneByOrFail({ userId: user.userId, name: dto.name });
    return viewOf(view);
  }

  async deleteView(user: Principal, id: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(InboxView)
      .delete({ id, organizationId: user.organizationId, userId: user.userId });
    if (!result.affected) throw new NotFoundException({ message: 'View not found.' });
  }

  private async groupIdsOf(user: Principal): Promise<string[]> {
    const rows: { group_id: string }[] = await this.dataSource.query(
      `SELECT group_id FROM group_members WHERE user_id = $1 AND organization_id = $2`,
      [user.userId, user.organizationId],
    );
    return rows.map((r) => r.group_id);
  }
}

function viewOf(v: InboxView) {
  return { id: v.id, name: v.name, query: v.query, createdAt: v.createdAt };
}
