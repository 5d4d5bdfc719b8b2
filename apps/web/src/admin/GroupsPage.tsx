import { LoadError } from '../app/LoadError';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { errorMessage } from '../api/api-client';
import type { Group } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import type { AdminApi } from './admin-api';
import { GroupMembersEditor } from './GroupMembersEditor';

/** Admin → Groups: list groups with their members, create a group, set its members. */
export function GroupsPage({ admin }: { admin: AdminApi }) {
  const groups = useQuery((signal) => admin.listGroups(signal), 'groups');
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const newGroupButtonRef = useRef<HTMLButtonElement>(null);
  const items = groups.data?.items ?? [];
  const editing = items.find((group) => group.id === editingId);

  return (
    <section className="page">
      <PageHeader
        title="Groups"
        description="Tasks can be assigned to a group; any member may claim them."
        actions={
          <button
            ref={newGroupButtonRef}
            type="button"
            className="button button--primary"
            aria-expanded={creating}
            onClick={() => setCreating(true)}
          >
            New group
          </button>
        }
      />
      <p className="inline-status" role="status" aria-live="polite">
        {status}
      </p>

      {creating && (
        <CreateGroupForm
          admin={admin}
          onCancel={() => {
            setCreating(false);
            newGroupButtonRef.current?.focus();
          }}
          onCreated={(group) => {
            setCreating(false);
            setStatus(`Created the group ${group.name}.`);
            groups.reload();
          }}
        />
      )}

      {editing && (
        <GroupMembersEditor
          key={editing.id}
          admin={admin}
          group={editing}
          onCancel={() => setEditingId(null)}
          onSaved={(group) => {
            setEditingId(null);
            setStatus(
              `${group.name} now has ${group.members.length} member${group.members.length === 1 ? '' : 's'}.`,
            );
            groups.reload();
          }}
        />
      )}

      {groups.error ? <LoadError what="groups" error={groups.error} onRetry={groups.reload} /> : null}

      {groups.loading && !groups.data ? (
        <PageLoading label="Loading groups…" />
      ) : items.length === 0 && !groups.error ? (
        <div className="empty-state">
          <p>No groups yet. Create one to assign work to a team, such as “Risk owners”.</p>
        </div>
      ) : (
        <ul className="card-grid" aria-label="Groups">
          {items.map((group) => (
            <li key={group.id} className="card">
              <h2 className="card__title">{group.name}</h2>
              {group.description && <p className="muted">{group.description}</p>}
              <p className="small">
                {group.members.length} member{group.members.length === 1 ? '' : 's'}
              </p>
              {group.members.length > 0 && (
                <ul className="member-list" aria-label={`Members of ${group.name}`}>
                  {group.members.map((member) => (
                    <li key={member.id}>
                      {member.name} <span className="muted">{member.email}</span>
                    </li>
                  ))}
                </ul>
              )}
              <button
                type="button"
                className="button button--small"
                onClick={() => setEditingId(group.id)}
                aria-label={`Set members of ${group.name}`}
              >
                Set members
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateGroupForm({
  admin,
  onCreated,
  onCancel,
}: {
  admin: AdminApi;
  onCreated: (group: Group) => void;
  onCancel: () => void;
}) {
  const [serverError, setServerError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<{ name: string; description: string }>({ defaultValues: { name: '', description: '' } });

  const submit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const description = values.description.trim();
      onCreated(
        await admin.createGroup({ name: values.name.trim(), ...(description ? { description } : {}) }),
      );
    } catch (cause) {
      setServerError(errorMessage(cause));
    }
  });

  return (
    <section className="panel" aria-labelledby="create-group-title">
      <h2 id="create-group-title">New group</h2>
      <form onSubmit={submit} noValidate>
        {serverError && (
          <div className="alert alert--error" role="alert">
            {serverError}
          </div>
        )}
        <div className="form-grid">
          <label className="field">
            <span className="field__label">Name</span>
            <input
              type="text"
              autoFocus
              aria-invalid={!!errors.name}
              {...register('name', { validate: (v) => v.trim().length > 0 || 'Enter a group name.' })}
            />
            {errors.name && <span className="field__error">{errors.name.message}</span>}
          </label>
          <label className="field">
            <span className="field__label">Description (optional)</span>
            <input type="text" {...register('description')} />
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            {isSubmitting ? 'Creating…' : 'Create group'}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
