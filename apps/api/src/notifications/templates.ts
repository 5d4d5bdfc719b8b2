/** What a notification says, from its template name and data; unknown templates get a generic text. */
export function renderNotification(
  template: string,
  data: Record<string, unknown> | null,
  instanceId: string | null,
) {
  const d = data ?? {};
  const title = typeof d.title === 'string' ? d.title : '';
  const due = d.dueAt
    ? new Date(String(d.dueAt)).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
    : 'soon';
  const taskLink = typeof d.taskId === 'string' ? `/tasks/${d.taskId}` : null;
  const instanceLink = instanceId ? `/instances/${instanceId}` : null;
  switch (template) {
    case 'task-reminder':
      return {
        title: `Reminder: "${title}" is due ${due}`,
        body: `The task "${title}" is due ${due}.`,
        link: taskLink,
      };
    case 'task-escalation':
      return {
        title: `Overdue: "${title}"`,
        body: `The task "${title}" was due ${due} and is still open.`,
        link: taskLink,
      };
    case 'digest':
      return { title: String(d.subject ?? 'Your tasks today'), body: String(d.body ?? ''), link: '/inbox' };
    default: {
      const words = template.replace(/[-_.]+/g, ' ').trim();
      return {
        title: words.charAt(0).toUpperCase() + words.slice(1),
        body: Object.keys(d).length ? JSON.stringify(d) : '',
        link: taskLink ?? instanceLink,
      };
    }
  }
}
