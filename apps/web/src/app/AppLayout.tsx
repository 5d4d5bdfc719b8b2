import { useEffect, useRef, type ReactNode } from 'react';
import { AUDIT_ROLES } from '../audit/audit-api';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { useLocation } from '../routing/useRoute';
import { NotificationBell } from '../inbox/NotificationBell';
import { UserMenu } from './UserMenu';

const NAV_ITEMS: ReadonlyArray<{ to: string; label: string; roles?: readonly string[] }> = [
  { to: '/inbox', label: 'Inbox' },
  { to: '/roadmap', label: 'Roadmap' },
  { to: '/processes', label: 'Processes', roles: ['admin', 'aims-manager'] },
  { to: '/registers', label: 'Registers' },
  { to: '/audit', label: 'Audit trail', roles: AUDIT_ROLES },
  { to: '/admin', label: 'Admin', roles: ['admin'] },
];

/** The signed-in frame: skip link, top navigation, user menu, and the page in <main>. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { pathname } = useLocation();
  useFocusPageTitleOnNavigation(pathname);
  const items = NAV_ITEMS.filter(
    (item) => !item.roles || item.roles.some((role) => user?.roles.includes(role)),
  );

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        {/* Named by its visible text (an aria-label that differs from it fails WCAG 2.5.3). */}
        <Link to="/inbox" className="brand">
          <span className="brand__mark" aria-hidden="true">
            A
          </span>
          <span className="brand__name">Aimsflow</span>
          <span className="visually-hidden"> home</span>
        </Link>
        <nav className="topnav" aria-label="Main">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} matchPrefix className="topnav__link">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <NotificationBell />
        <UserMenu />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** After an in-app navigation (not the first render), move focus to the new page's h1. */
function useFocusPageTitleOnNavigation(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Lazy pages render their title a moment later; try again briefly.
    let attempts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const focusTitle = () => {
      const title = document.querySelector<HTMLElement>('main [data-page-title]');
      if (title) {
        title.focus({ preventScroll: false });
      } else if (attempts++ < 20) {
        timer = setTimeout(focusTitle, 50);
      } else {
        document.getElementById('main')?.focus();
      }
    };
    focusTitle();
    return () => clearTimeout(timer);
  }, [pathname]);
}
