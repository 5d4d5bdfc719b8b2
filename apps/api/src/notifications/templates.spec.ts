import { NOTIFICATION_TEMPLATE_NAMES, renderNotification } from './templates';

describe('notification templates', () => {
  it('renders every template in words, never as raw data, with links to pages that exist', () => {
    const data = { title: 'AI policy', taskId: '3f1c', dueAt: '2026-12-10T09:00:00Z', secret: { a: 1 } };
    for (const name of NOTIFICATION_TEMPLATE_NAMES) {
      const r = renderNotification(name, data, 'inst-1');
      expect([name, r.title.length > 0]).toEqual([name, true]);
      expect(`${r.title} ${r.body}`).not.toMatch(/[{}]|"secret"/);
      if (r.link) expect(r.link).toMatch(/^\/(tasks|processes|inbox)(\/|$)/);
    }
  });

  it('says an old, unknown template in words and does not dump its data', () => {
    const r = renderNotification('step-joined', { a: 1, b: { c: 2 } }, 'inst-1');
    expect(r).toEqual({ title: 'Step joined', body: '', link: '/processes/inst-1' });
  });

  it('treats inherited property names as unknown templates', () => {
    expect(renderNotification('toString', null, null).title).toBe('ToString');
  });
});
