import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AppNotification } from '../api/api-types';
import { useAuth } from '../auth/AuthProvider';
import { navigate } from '../routing/router';
import { formatDateTime } from './due';
import { inboxApi } from './inbox-api';
import { subscribeInboxEvents } from './inbox-events';

const POLL_MS = 60_000;

/** The header's bell: unread count, a short list, "Mark all read". Silent when notifications are unavailable. */
export function NotificationBell() {
  const { api } = useAuth();
  const inbox = useMemo(() => inboxApi(api), [api]);
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(() => {
    inbox.notifications().then(
      (result) => {
        setItems(result.items ?? []);
        setUnread(
          typeof result.unread === 'number'
            ? result.unread
            : (result.items ?? []).filter((n) => !n.readAt).length,
        );
      },
      () => undefined,
    );
  }, [inbox]);

  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    const unsubscribe = subscribeInboxEvents(() => load());
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
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

  async function openNotification(notification: AppNotification) {
    if (!notification.readAt) {
      await inbox.markRead(notification.id).catch(() => undefined);
      load();
    }
    setOpen(false);
    if (notification.link && notification.link.startsWith('/')) navigate(notification.link);
  }

  async function markAll() {
    await inbox.markAllRead().catch(() => undefined);
    load();
  }

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <div className="bell" ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell__button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        data-testid="notification-bell"
      >
        <svg
          aria-hidden="true"
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell__panel" id={panelId} role="group" aria-label="Notifications">
          <div className="bell__head">
            <strong>Notifications</strong>
            <button
              type="button"
              className="button button--small"
              onClick={() => void markAll()}
              disabled={unread === 0}
            >
              Mark all read
            </button>
          </div>
          {items.length === 0 ? (
            <p className="muted small bell__empty">
              No notifications. Assignments, approvals and reminders will show here.
            </p>
          ) : (
            <ul className="bell__list">
              {items.slice(0, 15).map((notification) => (
                <li key={notification.id}>
                  <button
                    type="button"
                    className={`bell__item${notification.readAt ? '' : ' is-unread'}`}
                    onClick={() => void openNotification(notification)}
                  >
                    <span className="bell__title">
                      {!notification.readAt && <span className="visually-hidden">Unread: </span>}
                      {notification.title}
                    </span>
                    {notification.body && <span className="muted small">{notification.body}</span>}
                    <span className="muted small">{formatDateTime(notification.createdAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
