import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { ROLES } from '../identity/roles';
import { OutboxDeliverer } from '../outbox/outbox-deliverer.service';
import { APP_CONFIG, type AppConfig } from '../platform/config';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { Mailer, type Email } from './mailer';
import { Notification, NotificationPreference } from './notification.entity';
import { renderNotification } from './templates';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface NotificationPayload {
  instanceId?: string | null;
  to: unknown;
  template: string;
  data?: Record<string, unknown> | null;
}

interface Recipient {
  id: string;
  email: string;
  emailOff: string[];
}

/**
 * In-app notifications and email. The outbox `notification` handler resolves `to` (user ids, role
 * names, group names or ids) into one in-app row per user and, unless they opted out of that kind,
 * one `email` outbox message each, so a failing SMTP server retries that email alone.
 */
@Injectable()
export class NotificationsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  readonly mailer: Mailer;
  private digestTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxDeliverer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.mailer = new Mailer(config.smtpUrl, config.smtpFrom);
  }

  onModuleInit(): void {
    this.outbox.register('notification', (m, tx) => this.deliver(m, tx));
    // SMTP runs outside any transaction: no row lock is held while the server answers.
    this.outbox.registerSender('email', (m) => this.mailer.send(m.payload as Email));
  }

  onApplicationBootstrap(): void {
    // Hourly: whoever has not had today's digest gets it (the claim on last_digest_on makes it once per day).
    const every = this.config.digestPollMs;
    if (every > 0) {
      this.digestTimer = setInterval(
        () =>
          void this.sendDailyDigests().catch((e) =>
            this.logger.error(`digest failed: ${(e as Error).message}`),
          ),
        every,
      );
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.digestTimer);
    this.mailer.close();
  }

  /** The outbox handler of `notification` messages; idempotent on the message id. */
  async deliver(message: OutboxMessage, tx: EntityManager): Promise<void> {
    const payload = message.payload as NotificationPayload;
    const recipients = await this.resolve(tx, message.organizationId, payload.to);
    const content = renderNotification(payload.template, payload.data ?? null, payload.instanceId ?? null);
    await this.notify(tx, message.organizationId, recipients, payload.template, content, message.id);
  }

  private async notify(
    tx: EntityManager,
    organizationId: string,
    recipients: Recipient[],
    kind: string,
    content: { title: string; body: string; link: string | null },
    sourceId: string,
  ): Promise<number> {
    let created = 0;
    for (const r of recipients) {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO notifications (organization_id, user_id, kind, title, body, link, source_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (source_id, user_id) DO NOTHING RETURNING id`,
        [organizationId, r.id, kind, content.title, content.body, content.link, sourceId],
      );
      if (inserted.length === 0) continue; // delivered before
      created++;
      if (this.mailer.enabled && !r.emailOff.includes(kind)) {
        const email: Email = {
          to: r.email,
          subject: content.title,
          text: `${content.body}${content.link ? `\n\n${content.link}` : ''}`,
          messageId: `<${inserted[0].id}@aimsflow>`,
        };
        await tx.getRepository(OutboxMessage).insert({ organizationId, kind: 'email', payload: email });
      }
    }
    return created;
  }

  /** `to` entries: a user id, a role name, a group name or id; arrays mix them. */
  private async resolve(tx: EntityManager, organizationId: string, to: unknown): Promise<Recipient[]> {
    const refs = (Array.isArray(to) ? to : [to]).filter(
      (x): x is string => typeof x === 'string' && x.length > 0,
    );
    const userIds = refs.filter((r) => UUID.test(r));
    const roles = refs.filter((r) => (ROLES as readonly string[]).includes(r));
    const groups = refs.filter((r) => !roles.includes(r));
    const rows: { id: string; email: string; email_off: string[] | null }[] = await tx.query(
      `SELECT u.id, u.email, p.email_off FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
       WHERE u.organization_id = $1 AND u.active AND (
         u.id = ANY($2::uuid[]) OR u.roles && $3::text[]
         OR u.id IN (SELECT m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id
                     WHERE g.organization_id = $1 AND (g.name = ANY($4::text[]) OR g.id::text = ANY($4::text[]))))
       ORDER BY u.id`,
      [organizationId, userIds, roles, groups],
    );
    return rows.map((r) => ({ id: r.id, email: r.email, emailOff: r.email_off ?? [] }));
  }

  async list(user: Principal, limit = 50) {
    const repo = this.dataSource.getRepository(Notification);
    const [items, unread] = await Promise.all([
      repo.find({
        where: { userId: user.userId, organizationId: user.organizationId },
        order: { createdAt: 'DESC', id: 'DESC' },
        take: limit,
      }),
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
        [user.userId],
      ),
    ]);
    return {
      items: items.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        readAt: n.readAt,
        createdAt: n.createdAt,
      })),
      unread: unread[0].n as number,
    };
  }

  async markRead(user: Principal, id: string): Promise<void> {
    const [rows] = await this.dataSource.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 AND organization_id = $3 RETURNING id`,
      [id, user.userId, user.organizationId],
    );
    if (rows.length === 0) throw new NotFoundException({ message: 'Notification not found.' });
  }

  async markAllRead(user: Principal): Promise<{ marked: number }> {
    const [, count] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [user.userId],
    );
    return { marked: count };
  }

  async preferences(user: Principal) {
    const prefs = await this.dataSource
      .getRepository(NotificationPreference)
      .findOneBy({ userId: user.userId });
    return { emailOff: prefs?.emailOff ?? [] };
  }

  async setPreferences(user: Principal, emailOff: string[]) {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, organization_id, email_off) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET email_off = EXCLUDED.email_off`,
      [user.userId, user.organizationId, [...new Set(emailOff)]],
    );
    return this.preferences(user);
  }

  /**
   * Sends each user with open tasks due within a day (or overdue) one digest per UTC day. Claiming
   * `last_digest_on` first makes it once per day however many processes run this. Returns how many were sent.
   */
  async sendDailyDigests(now = new Date()): Promise<number> {
    const today = now.toISOString().slice(0, 10);
    const users: { id: string; organization_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT u.id, u.organization_id FROM tasks t JOIN users u ON u.id IN (t.assignee_id, t.delegate_id)
       WHERE t.status = 'open' AND t.due_at < $1::timestamptz + interval '1 day' AND u.active`,
      [now],
    );
    let sent = 0;
    for (const u of users) {
      sent += await this.dataSource.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO notification_preferences (user_id, organization_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [u.id, u.organization_id],
        );
        const [claimed] = await tx.query(
          `UPDATE notification_preferences SET last_digest_on = $2 WHERE user_id = $1 AND (last_digest_on IS NULL OR last_digest_on < $2::date) RETURNING user_id`,
          [u.id, today],
        );
        if (claimed.length === 0) return 0;
        const tasks: { title: string; due_at: Date }[] = await tx.query(
          `SELECT title, due_at FROM tasks WHERE status = 'open' AND (assignee_id = $1 OR delegate_id = $1) AND due_at < $2::timestamptz + interval '1 day' ORDER BY due_at LIMIT 50`,
          [u.id, now],
        );
        const overdue = tasks.filter((t) => t.due_at < now).length;
        const lines = tasks.map(
          (t) =>
            `- ${t.title} (${t.due_at < now ? 'overdue since' : 'due'} ${t.due_at.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
        );
        const content = renderNotification(
          'digest',
          {
            subject: `Your tasks: ${overdue} overdue, ${tasks.length - overdue} due today`,
            body: lines.join('\n'),
          },
          null,
        );
        const recipients = await this.resolve(tx, u.organization_id, u.id);
        return this.notify(tx, u.organization_id, recipients, 'digest', content, `digest:${today}`);
      });
    }
    return sent;
  }
}
