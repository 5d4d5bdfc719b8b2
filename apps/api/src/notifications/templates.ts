type Rendered = { title: string; body: string; link: string | null };
type Render = (
  d: Record<string, unknown>,
  links: { task: string | null; instance: string | null },
  due: string,
) => Rendered;

const text = (v: unknown, fallback = '') => (typeof v === 'string' && v.trim() ? v.trim() : fallback);

/**
 * Every notification a definition may name, with what it says. Deploy refuses a template that is
 * not here, so no bell item or email ever falls back to showing raw data.
 */
export const NOTIFICATION_TEMPLATES: Record<string, Render> = {
  'task-reminder': (d, l, due) => ({
    title: `Reminder: "${text(d.title)}" is due ${due}`,
    body: `The task "${text(d.title)}" is due ${due}.`,
    link: l.task,
  }),
  'task-escalation': (d, l, due) => ({
    title: `Overdue: "${text(d.title)}"`,
    body: `The task "${text(d.title)}" was due ${due} and is still open.`,
    link: l.task,
  }),
  digest: (d) => ({ title: text(d.subject, 'Your tasks today'), body: text(d.body), link: '/inbox' }),
  'document-in-approval': (d, l) => ({
    title: `In approval: ${text(d.title, 'a document')}`,
    body: `${text(d.title, 'A document')} was submitted and waits for its approvers.`,
    link: l.task ?? l.instance,
  }),
  // Sent by the server when an approval level opens, to everyone who may decide at it.
  'approval-requested': (d, l, due) => ({
    title: `Waiting for your decision: ${text(d.title, 'an approval').replace(/^Approve: /, '')}`,
    body: `"${text(d.title, 'An approval')}" waits for your decision; it is due ${due}.`,
    link: l.task ?? l.instance,
  }),
  'approval-overdue': (d, l) => ({
    title: `An approval is overdue${d.title ? `: ${text(d.title)}` : ''}`,
    body: 'An approval has waited longer than its due time. Remind the approvers or reassign it.',
    link: l.task ?? l.instance,
  }),
  'phase-gate-ready': (d, l) => ({
    title: `Ready for sign-off${d.title ? `: ${text(d.title)}` : ''}`,
    body: 'A roadmap phase finished its work and waits for its gate approval.',
    link: l.instance,
  }),
  // For definitions of one's own: the text is in the definition (data.title, data.body).
  message: (d, l) => ({ title: text(d.title, 'Update'), body: text(d.body), link: l.task ?? l.instance }),
};

export const NOTIFICATION_TEMPLATE_NAMES = Object.keys(NOTIFICATION_TEMPLATES);

/** What a notification says, from its template name and data. */
export function renderNotification(
  template: string,
  data: Record<string, unknown> | null,
  instanceId: string | null,
): Rendered {
  const d = data ?? {};
  const due = d.dueAt
    ? new Date(String(d.dueAt)).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
    : 'soon';
  const links = {
    task: typeof d.taskId === 'string' ? `/tasks/${d.taskId}` : null,
    instance: instanceId ? `/processes/${instanceId}` : null,
  };
  const render = Object.hasOwn(NOTIFICATION_TEMPLATES, template)
    ? NOTIFICATION_TEMPLATES[template]
    : undefined;
  if (render) return render(d, links, due);
  // A template deployed before deploy checked names: its name in words, never its raw data.
  const words = template.replace(/[-_.]+/g, ' ').trim();
  return {
    title: words.charAt(0).toUpperCase() + words.slice(1),
    body: text(d.body),
    link: links.task ?? links.instance,
  };
}
