import { useMemo } from 'react';
import type { PageProps } from '../app/routes';
import { NotFoundPage } from '../app/StatusPages';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { adminApi } from './admin-api';
import { FormsListPage } from '../forms-admin/FormsListPage';
import { RegistersAdminPage } from '../registers-admin/RegistersAdminPage';
import { WorkflowsListPage } from '../workflows-admin/WorkflowsListPage';
import { GroupsPage } from './GroupsPage';
import { UsersPage } from './UsersPage';

const SECTIONS = ['users', 'groups', 'forms', 'workflows', 'registers'] as const;

/** Admin section (lazy-loaded): a sub-navigation over Users, Groups, Forms, Workflows and Registers. */
export default function AdminArea({ params }: PageProps) {
  const { api } = useAuth();
  const admin = useMemo(() => adminApi(api), [api]);
  const section = params.section;
  if (!SECTIONS.includes(section as (typeof SECTIONS)[number])) return <NotFoundPage />;
  return (
    <div className="admin">
      <nav className="subnav" aria-label="Admin">
        <Link to="/admin/users" className="subnav__link">
          Users
        </Link>
        <Link to="/admin/groups" className="subnav__link">
          Groups
        </Link>
        <Link to="/admin/forms" className="subnav__link">
          Forms
        </Link>
        <Link to="/admin/workflows" className="subnav__link">
          Workflows
        </Link>
        <Link to="/admin/registers" className="subnav__link">
          Registers
        </Link>
      </nav>
      {section === 'users' ? (
        <UsersPage admin={admin} />
      ) : section === 'groups' ? (
        <GroupsPage admin={admin} />
      ) : section === 'forms' ? (
        <FormsListPage />
      ) : section === 'registers' ? (
        <RegistersAdminPage />
      ) : (
        <WorkflowsListPage />
      )}
    </div>
  );
}
