import { PageHeader } from '../app/PageHeader';
import { useCurrentUser } from '../auth/AuthProvider';

/** The user's work queue. Until the engine assigns tasks, an empty state explains what will land here. */
export function InboxPage() {
  const user = useCurrentUser();
  const groups = user.groups.map((group) => group.name);
  return (
    <section className="page">
      <PageHeader title="Inbox" description={`Welcome, ${user.name.split(' ')[0]}.`} />
      <div className="empty-state" aria-labelledby="inbox-empty-title">
        <div className="empty-state__icon" aria-hidden="true">
          ✓
        </div>
        <h2 id="inbox-empty-title">Your inbox is empty</h2>
        <p>
          Tasks assigned to you
          {groups.length > 0 ? ` or to your groups (${groups.join(', ')})` : ' or to your groups'} will appear
          here, with their due dates — gap-analysis items, risk assessments, approvals and audit findings as the
          ISO/IEC 42001 programme runs.
        </p>
        <p className="muted">Nothing is waiting for you right now.</p>
      </div>
    </section>
  );
}
