import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { OutboxDeliverer } from '../outbox/outbox-deliverer.service';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { TimerPoller } from '../workflow/timer-poller.service';
import { NotificationsService } from './notifications.service';

interface Mail {
  to: string[];
  raw: string;
}

const deadlineMachine = {
  id: 'deadline',
  initial: 'work',
  context: { ownerId: null },
  states: {
    work: {
      meta: {
        task: {
          form: 'generic-task',
          title: 'Update the risk register',
          assignee: '{{context.ownerId}}',
          dueIn: 'P3D',
          escalateTo: 'top-management',
        },
      },
      on: { SUBMIT: 'done' },
    },
    done: { type: 'final' },
  },
};

describe('reminders, escalation and notifications', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  let manager: ApiClient;
  let owner: ApiClient;
  let ceo: ApiClient;
  const saved = { ...process.env };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    Object.assign(process.env, {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_FROM: 'aimsflow@acme.example',
      TIMER_POLL_MS: '0',
      OUTBOX_POLL_MS: '0',
      DIGEST_POLL_MS: '0',
    });
    t = await startTestApp();
    manager = await t.login('manager@acme.example');
    owner = await t.login('owner@acme.example');
    ceo = await t.login('ceo@acme.example');
    expect(
      (
        await (
          await t.login('admin@acme.example')
        ).post('/api/workflow-definitions', {
          key: 'deadline',
          name: 'Deadline',
          machine: deadlineMachine,
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    process.env = saved;
  });

  async function startTask() {
    const me = (await owner.get('/api/auth/me')).body.user;
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'deadline',
      input: { ownerId: me.id },
    });
    expect(started.status).toBe(201);
    return started.body.openTasks[0] as { id: string; dueAt: string; createdAt: string; instanceId: string };
  }

  async function deliverAll() {
    const outbox = t.app.get(OutboxDeliverer);
    while ((await outbox.deliverDue()) > 0);
  }

  it('schedules a reminder a day before the due date and an escalation at it, and cancels both when the task closes', async () => {
    const task = await startTask();
    const timers = await t.dataSource.query(
      `SELECT kind, due_at, status FROM timers WHERE task_id = $1 ORDER BY due_at`,
      [task.id],
    );
    expect(timers.map((r: { kind: string }) => r.kind)).toEqual(['task-reminder', 'task-escalation']);
    expect(new Date(timers[1].due_at).toISOString()).toBe(task.dueAt);
    expect(new Date(task.dueAt).getTime() - new Date(timers[0].due_at).getTime()).toBe(86_400_000);
    await owner.post(`/api/tasks/${task.id}/complete`, { data: { done: true } });
    const after = await t.dataSource.query(`SELECT DISTINCT status FROM timers WHERE task_id = $1`, [
      task.id,
    ]);
    expect(after).toEqual([{ status: 'cancelled' }]);
  });

  it('fires the reminder to the assignee and the escalation to meta.task.escalateTo, in-app and by email over SMTP', async () => {
    const task = await startTask();
    await t.dataSource.query(`UPDATE timers SET due_at = now() - interval '1 second' WHERE task_id = $1`, [
      task.id,
    ]);
    expect(await t.app.get(TimerPoller).tick()).toBe(2);
    const history = (await manager.get(`/api/process-instances/${task.instanceId}/history`)).body.items.map(
      (h: { kind: string }) => h.kind,
    );
    expect(history).toEqual(expect.arrayContaining(['task.reminded', 'task.escalated']));
    await deliverAll();

    const mine = (await owner.get('/api/notifications')).body;
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'task-reminder',
      title: expect.stringContaining('Update the risk register'),
      link: `/tasks/${task.id}`,
      readAt: null,
    });
    const boss = (await ceo.get('/api/notifications')).body;
    expect(boss.items[0]).toMatchObject({
      kind: 'task-escalation',
      title: expect.stringMatching(/^Overdue/),
    });
    expect((await manager.get('/api/notifications')).body.items).toEqual([]);

    expect(mails.map((m) => m.to[0]).sort()).toEqual(['ceo@acme.example', 'owner@acme.example']);
    expect(mails.find((m) => m.to[0] === 'owner@acme.example')!.raw).toMatch(
      /Subject: =\?UTF-8\?Q\?Reminder/,
    );
    expect(mails[0].raw).toMatch(/From: aimsflow@acme\.example/);

    expect((await owner.post(`/api/notifications/${mine.items[0].id}/read`)).status).toBe(204);
    expect((await owner.get('/api/notifications')).body.unread).toBe(0);
    expect((await ceo.post(`/api/notifications/${mine.items[0].id}/read`)).status).toBe(404);
    expect((await ceo.post('/api/notifications/read-all')).body).toEqual({ marked: 1 });
  });

  it('delivers a redelivered outbox message once, and honours an email opt-out per kind', async () => {
    const before = mails.length;
    expect((await owner.put('/api/notifications/preferences', { emailOff: ['task-reminder'] })).body).toEqual(
      { emailOff: ['task-reminder'] },
    );
    expect((await owner.get('/api/notifications/preferences')).body).toEqual({ emailOff: ['task-reminder'] });
    const task = await startTask();
    await t.dataSource.query(
      `UPDATE timers SET due_at = now() - interval '1 second' WHERE task_id = $1 AND kind = 'task-reminder'`,
      [task.id],
    );
    expect(await t.app.get(TimerPoller).tick()).toBe(1);
    await deliverAll();
    // Simulate a crash after the handler ran: the same message is delivered again.
    await t.dataSource.query(
      `UPDATE outbox_messages SET delivered_at = NULL WHERE kind = 'notification' AND payload->'data'->>'taskId' = $1`,
      [task.id],
    );
    await deliverAll();
    const reminders = (await owner.get('/api/notifications')).body.items.filter(
      (n: { link: string }) => n.link === `/tasks/${task.id}`,
    );
    expect(reminders).toHaveLength(1);
    expect(mails.length).toBe(before);
  });

  it('sends each user with due or overdue tasks one digest a day', async () => {
    await t.dataSource.query(`UPDATE tasks SET due_at = now() + interval '2 hours' WHERE status = 'open'`);
    const notifications = t.app.get(NotificationsService);
    const now = new Date();
    expect(await notifications.sendDailyDigests(now)).toBe(1);
    expect(await notifications.sendDailyDigests(now)).toBe(0);
    const digest = (await owner.get('/api/notifications')).body.items.find(
      (n: { kind: string }) => n.kind === 'digest',
    );
    expect(digest.title).toMatch(/due today/);
    expect(digest.body).toMatch(/Update the risk register/);
    await deliverAll();
    expect(mails.at(-1)!.to).toEqual(['owner@acme.example']);
    const tomorrow = new Date(now.getTime() + 86_400_000);
    expect(await notifications.sendDailyDigests(tomorrow)).toBe(1);
  });
});
