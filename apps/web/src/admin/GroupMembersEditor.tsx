import { LoadError } from '../app/LoadError';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { Group } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import type { AdminApi } from './admin-api';

/** Pick a group's members from all active users; saving replaces the whole member list. */
export function GroupMembersEditor({
  admin,
  group,
  onSaved,
  onCancel,
}: {
  admin: AdminApi;
  group: Group;
  onSaved: (group: Group) => void;
  onCancel: () => void;
}) {
  const users = useQuery((signal) => admin.listAllUsers(signal), 'all-users');
  const [selected, setSelected] = useState<Set<string>>(
    () => new Set(group.members.map((member) => member.id)),
  );
  const [filter, setFilter] = useState('');
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const visible = useMemo(() => {
    const term = filter.trim().toLowerCase();
    return (users.data ?? []).filter(
      (user) =>
        (user.active || selected.has(user.id)) &&
        (!term || user.name.toLowerCase().includes(term) || user.email.toLowerCase().includes(term)),
    );
  }, [users.data, filter, selected]);

  function toggle(id: string) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function save() {
    setSaving(true);
    setServerError(null);
    try {
      onSaved(await admin.setGroupMembers(group.id, [...selected]));
    } catch (cause) {
      setServerError(errorMessage(cause));
      setSaving(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="group-members-title">
      <h2 id="group-members-title" tabIndex={-1} ref={headingRef}>
        Members of {group.name}
      </h2>
      {serverError && (
        <div className="alert alert--error" role="alert">
          {serverError}
        </div>
      )}
      {users.error ? (
        <LoadError what="users" error={users.error} />
      ) : users.loading && !users.data ? (
        <PageLoading label="Loading users…" />
      ) : (
        <>
          <label className="field field--inline">
            <span className="field__label">Filter people</span>
            <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
          </label>
          <fieldset className="checkbox-group checkbox-group--scroll">
            <legend className="field__label">{selected.size} selected</legend>
            {visible.map((user) => (
              <label key={user.id} className="checkbox">
                <input type="checkbox" checked={selected.has(user.id)} onChange={() => toggle(user.id)} />
                <span>
                  {user.name} <span className="muted">{user.email}</span>
                </span>
              </label>
            ))}
            {visible.length === 0 && <p className="muted">Nobody matches.</p>}
          </fieldset>
        </>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          onClick={save}
          disabled={saving || !users.data}
        >
          {saving ? 'Saving…' : 'Save members'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </section>
  );
}
