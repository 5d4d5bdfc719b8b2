import { Controller, Get, Header, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AnyRole, CurrentUser, Public } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { toICalendar } from './ical';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A secret per-user iCalendar feed of the due dates of one's open tasks. */
@ApiTags('notifications')
@Controller()
export class CalendarController {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates (or replaces, revoking the old one) the caller's feed URL; the secret is shown only now. */
  @AnyRole()
  @ApiCookieAuth()
  @Post('notifications/calendar')
  async rotate(@CurrentUser() user: Principal, @Req() req: Request) {
    const token = randomBytes(24).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, organization_id, calendar_token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET calendar_token_hash = EXCLUDED.calendar_token_hash`,
      [user.userId, user.organizationId, sha256(token)],
    );
    const path = `/api/calendar/${token}.ics`;
    return { path, url: `${req.protocol}://${req.get('host')}${path}` };
  }

  @Public()
  @Get('calendar/:file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  async feed(@Param('file') file: string, @Req() req: Request): Promise<string> {
    const token = file.replace(/\.ics$/, '');
    const [owner] = await this.dataSource.query(
      `SELECT u.id, u.name, u.organization_id FROM notification_preferences p JOIN users u ON u.id = p.user_id
        WHERE p.calendar_token_hash = $1 AND u.active AND (u.expires_at IS NULL OR u.expires_at > now())`,
      [sha256(token)],
    );
    if (!owner) throw new NotFoundException({ message: 'No such calendar.' });
    const tasks: { id: string; title: string; due_at: Date; definition_key: string }[] =
      await this.dataSource.query(
        `SELECT id, title, due_at, definition_key FROM tasks
        WHERE organization_id = $1 AND status = 'open' AND due_at IS NOT NULL AND (assignee_id = $2 OR delegate_id = $2)
        ORDER BY due_at LIMIT 500`,
        [owner.organization_id, owner.id],
      );
    const base = `${req.protocol}://${req.get('host')}`;
    return toICalendar(
      `Aimsflow — ${owner.name}`,
      tasks.map((t) => ({
        uid: `${t.id}@aimsflow`,
        title: t.title,
        dueAt: new Date(t.due_at),
        url: `${base}/tasks/${t.id}`,
        description: `Process: ${t.definition_key}`,
      })),
    );
  }
}
