import { startTestApp, type TestApp } from '../testing/test-app';
import { escapeText, foldLine, toICalendar } from './ical';

describe('iCalendar feed of due dates', () => {
  it('escapes text and folds long lines at 75 octets', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((l) => l.startsWith(' ')),
    ).toBe(true);
    const ics = toICalendar('x', [
      { uid: 'u1', title: 'T', dueAt: new Date('2026-12-01T10:00:00Z'), url: 'http://h/t', description: 'd' },
    ]);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('DTEND:20261201T100000Z');
  });

  describe('over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it("serves the owner's open tasks with due dates at a secret URL, and rotating revokes the old one", async () => {
      const manager = await t.login('manager@acme.example');
      const owner = await t.login('owner@acme.example');
      await (
        await t.login('admin@acme.example')
      ).post('/api/workflow-definitions', {
        key: 'cal',
        name: 'Cal',
        machine: {
          id: 'cal',
          initial: 'a',
          states: {
            a: {
              meta: {
                task: {
                  form: 'generic-task',
                  title: 'Review, then; sign',
                  candidateRole: 'contributor',
                  dueIn: 'P3D',
                },
              },
              on: { SUBMIT: 'b' },
            },
            b: { type: 'final' },
          },
        },
      });
      const instance = (await manager.post('/api/process-instances', { definitionKey: 'cal' })).body;
      await owner.post(`/api/tasks/${instance.openTasks[0].id}/claim`);

      const { body } = await owner.post('/api/notifications/calendar');
      expect(body.path).toMatch(/^\/api\/calendar\/[\w-]{32}\.ics$/);
      const res = await fetch(t.baseUrl + body.path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const ics = await res.text();
      expect(ics).toContain(`UID:${instance.openTasks[0].id}@aimsflow`);
      expect(ics).toContain('SUMMARY:Due: Review\\, then\\; sign');

      const managerFeed = (await manager.post('/api/notifications/calendar')).body.path;
      expect(await (await fetch(t.baseUrl + managerFeed)).text()).not.toContain('BEGIN:VEVENT');

      await owner.post('/api/notifications/calendar');
      expect((await fetch(t.baseUrl + body.path)).status).toBe(404);
      expect((await fetch(`${t.baseUrl}/api/calendar/guess.ics`)).status).toBe(404);
    });
  });
});
