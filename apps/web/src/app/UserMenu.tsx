import { useEffect, useId, useRef, useState } from 'react';
import { roleLabel } from '../api/api-types';
import { useCurrentUser, useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';

/** The signed-in user's name; opens a panel with roles, organisation and Log out. */
export function UserMenu() {
  const user = useCurrentUser();
  const { logout, api } = useAuth();
  const [open, setOpen] = useState(false);
  const [calendarUrl, setCalendarUrl] = useState<string | null>(null);
  const [loggingOut, setLoggingOut] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const firstActionRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    firstActionRef.current?.focus();
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  /** A new secret feed URL (the previous one stops working); shown once, for the user's calendar app. */
  async function handleCalendar() {
    const { url } = await api.post<{ url: string }>('/api/notifications/calendar');
    setCalendarUrl(url);
  }

  async function handleLogout() {
    setLoggingOut(true);
    await logout().catch(() => undefined);
  }

  return (
    <div
      className="user-menu"
      ref={containerRef}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="true"
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu__name">{user.name}</span>
        <span className="user-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="user-menu__panel" id={panelId} role="group" aria-label="Your account">
          <p className="user-menu__who">
            <strong>{user.name}</strong>
            <span className="muted">{user.email}</span>
          </p>
          <dl className="user-menu__facts">
            <dt>Organisation</dt>
            <dd>{user.organization.name}</dd>
            <dt>Roles</dt>
            <dd>
              <ul className="tag-list" aria-label="Roles">
                {user.roles.map((role) => (
                  <li key={role} className="tag">
                    {roleLabel(role)}
                  </li>
                ))}
              </ul>
            </dd>
            {user.groups.length > 0 && (
              <>
                <dt>Groups</dt>
                <dd>{user.groups.map((group) => group.name).join(', ')}</dd>
              </>
            )}
          </dl>
          {calendarUrl ? (
            <label className="user-menu__calendar">
              Your due-dates calendar (subscribe in your calendar app; keep it private)
              <input readOnly value={calendarUrl} onFocus={(e) => e.currentTarget.select()} />
            </label>
          ) : (
            <button type="button" className="button button--small button--block" onClick={handleCalendar}>
              Get a calendar feed of my due dates
            </button>
          )}
          <Link
            to="/account/password"
            className="button button--small button--block"
            onClick={() => setOpen(false)}
          >
            Change password
          </Link>
          <button
            ref={firstActionRef}
            type="button"
            className="button button--block"
            onClick={handleLogout}
            disabled={loggingOut}
          >
            {loggingOut ? 'Logging out…' : 'Log out'}
          </button>
        </div>
      )}
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}
