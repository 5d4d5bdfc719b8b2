import { Link } from '../routing/Link';
import { PageHeader } from './PageHeader';

/** Shown for any URL no route matches. */
export function NotFoundPage() {
  return (
    <section className="page">
      <PageHeader title="Page not found" />
      <div className="empty-state">
        <p className="empty-state__code" aria-hidden="true">
          404
        </p>
        <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
        <Link className="button button--primary" to="/inbox">
          Go to your inbox
        </Link>
      </div>
    </section>
  );
}

/** Shown when the page exists but the user's roles do not open it. */
export function ForbiddenPage() {
  return (
    <section className="page">
      <PageHeader title="No access" />
      <div className="empty-state">
        <p>Your roles do not include access to this page. Ask an administrator if you need it.</p>
        <Link className="button" to="/inbox">
          Go to your inbox
        </Link>
      </div>
    </section>
  );
}
