import { LoadMore } from '../app/LoadMore';
import { LoadError } from '../app/LoadError';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import { roleLabel, type UserSummary } from '../api/api-types';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useCurrentUser } from '../auth/AuthProvider';
import type { AdminApi } from './admin-api';
import { CreateUserForm } from './CreateUserForm';
import { EditUserForm } from './EditUserForm';
import { TemporaryPasswordNotice } from './TemporaryPasswordNotice';
import { useDebouncedValue } from './useDebouncedValue';

const PAGE_SIZE = 25;

type Panel = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; user: UserSummary };

/** Admin → Users: search, page through, invite, edit roles, deactivate/reactivate. */
export function UsersPage({ admin }: { admin: AdminApi }) {
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const { users, nextCursor, loading, loadingMore, error, loadMore, reload, replaceUser } = useUserPages(
    admin,
    debouncedSearch,
  );
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [created, setCreated] = useState<{ user: UserSummary; temporaryPassword?: string } | null>(null);
  const [status, setStatus] = useState<string>('');
  const [busyUserId, setBusyUserId] = useState<string | null>(null);
  const inviteButtonRef = useRef<HTMLButtonElement>(null);

  function closePanel() {
    setPanel({ kind: 'none' });
    inviteButtonRef.current?.focus();
  }

  async function toggleActive(user: UserSummary) {
    setBusyUserId(user.id);
    setStatus('');
    try {
      const saved = await admin.updateUser(user.id, { active: !user.active });
      replaceUser(saved);
      setStatus(`${saved.name} is now ${saved.active ? 'active' : 'deactivated'}.`);
    } catch (cause) {
      setStatus(`Could not update ${user.name}: ${errorMessage(cause)}`);
    } finally {
      setBusyUserId(null);
    }
  }

  return (
    <section className="page">
      <PageHeader
        title="Users"
        description="People in your organisation, their roles and groups."
        actions={
          <button
            ref={inviteButtonRef}
            type="button"
            className="button button--primary"
            onClick={() => {
              setCreated(null);
              setPanel({ kind: 'create' });
            }}
            aria-expanded={panel.kind === 'create'}
          >
            Invite user
          </button>
        }
      />

      {created && (
        <TemporaryPasswordNotice
          user={created.user}
          temporaryPassword={created.temporaryPassword}
          onDismiss={() => {
            setCreated(null);
            inviteButtonRef.current?.focus();
          }}
        />
      )}

      {panel.kind === 'create' && (
        <CreateUserForm
          admin={admin}
          onCancel={closePanel}
          onCreated={(user, temporaryPassword) => {
            setPanel({ kind: 'none' });
            setCreated({ user, temporaryPassword });
            reload();
          }}
        />
      )}
      {panel.kind === 'edit' && (
        <EditUserForm
          key={panel.user.id}
          admin={admin}
          user={panel.user}
          onCancel={closePanel}
          onSaved={(saved) => {
            replaceUser(saved);
            setStatus(`Saved changes to ${saved.name}.`);
            closePanel();
          }}
        />
      )}

      <div className="toolbar" role="search">
        <label className="field field--inline">
          <span className="field__label">Search users</span>
          <input
            type="search"
            placeholder="Name or email"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
      </div>

      <p className="inline-status" role="status" aria-live="polite">
        {status}
      </p>

      {error ? <LoadError what="users" error={error} onRetry={reload} /> : null}

      {loading && users.length === 0 ? (
        <PageLoading label="Loading users…" />
      ) : users.length === 0 && !error ? (
        <div className="empty-state">
          <p>{debouncedSearch ? `No users match “${debouncedSearch}”.` : 'No users yet.'}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={loading}>
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Roles</th>
                <th scope="col">Groups</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className={user.active ? undefined : 'is-inactive'}>
                  <td>
                    <div className="cell-title">
                      {user.name}
                      {user.id === me.id && <span className="badge badge--muted">You</span>}
                    </div>
                    <div className="muted">{user.email}</div>
                  </td>
                  <td>
                    <ul className="tag-list">
                      {user.roles.map((role) => (
                        <li key={role} className="tag">
                          {roleLabel(role)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {user.groups.length ? (
                      user.groups.map((group) => group.name).join(', ')
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <span className={user.active ? 'badge badge--ok' : 'badge badge--muted'}>
                      {user.active ? 'Active' : 'Deactivated'}
                    </span>
                    {user.expiresAt && (
                      <div className="muted small">Expires {formatDate(user.expiresAt)}</div>
                    )}
                  </td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setPanel({ kind: 'edit', user })}
                      aria-label={`Edit ${user.name}`}
                    >
                      Edit
                    </button>
                    {user.id !== me.id && (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => toggleActive(user)}
                        disabled={busyUserId === user.id}
                        aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.name}`}
                      >
                        {user.active ? 'Deactivate' : 'Reactivate'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <LoadMore nextCursor={nextCursor} loading={loadingMore} onLoadMore={loadMore} label="Load more users" />
    </section>
  );
}

/** Pages of users for a search term, appended as the user asks for more. */
function useUserPages(admin: AdminApi, search: string) {
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const requestId = useRef(0);

  useEffect(() => {
    const id = ++requestId.current;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    admin.listUsers({ search, limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        if (id !== requestId.current) return;
        setUsers(page.items);
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (cause: unknown) => {
        if (id !== requestId.current || controller.signal.aborted) return;
        setError(cause);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [admin, search, generation]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const id = requestId.current;
    setLoadingMore(true);
    try {
      const page = await admin.listUsers({ search, limit: PAGE_SIZE, cursor: nextCursor });
      if (id !== requestId.current) return;
      setUsers((previous) => [
        ...previous,
        ...page.items.filter((u) => !previous.some((p) => p.id === u.id)),
      ]);
      setNextCursor(page.nextCursor);
    } catch (cause) {
      if (id === requestId.current) setError(cause);
    } finally {
      setLoadingMore(false);
    }
  }, [admin, search, nextCursor]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const replaceUser = useCallback((saved: UserSummary) => {
    setUsers((previous) => previous.map((user) => (user.id === saved.id ? { ...user, ...saved } : user)));
  }, []);

  return { users, nextCursor, loading, loadingMore, error, loadMore, reload, replaceUser };
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, {
        dateStyle: 'medium',
        timeZone: 'UTC',
      } as Intl.DateTimeFormatOptions);
}
