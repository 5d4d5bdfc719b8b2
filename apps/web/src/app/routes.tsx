import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { AUDIT_ROLES } from '../audit/audit-api';
import { PACK_ROLES } from '../evidence-pack/evidence-pack-api';
import { InboxPage } from '../inbox/InboxPage';
import { REPORTER_ROLES } from '../inbox/RaiseReport';
import type { RouteParams } from '../routing/router';

export interface PageProps {
  params: RouteParams;
}

export interface AppRoute {
  path: string;
  title: string;
  component: ComponentType<PageProps> | LazyExoticComponent<ComponentType<PageProps>>;
  /** Roles of which the user needs at least one; absent means any signed-in user. */
  roles?: readonly string[];
}

// Admin pages are rarely visited and carry react-hook-form: keep them out of the first bundle.
const AdminArea = lazy(() => import('../admin/AdminArea'));
// The task page renders forms (RJSF + ajv), the designer and the diagram are heavier still: each its own chunk.
const TaskPage = lazy(() => import('../tasks/TaskPage'));
const ProcessesPage = lazy(() => import('../processes/ProcessesPage'));
const InstancePage = lazy(() => import('../processes/InstancePage'));
const FormDesignerPage = lazy(() => import('../forms-admin/FormDesignerPage'));
const WorkflowSettingsPage = lazy(() => import('../workflows-admin/WorkflowSettingsPage'));
// The roadmap and the registers are read-mostly dashboards: their own chunks too.
const RoadmapPage = lazy(() => import('../roadmap/RoadmapPage'));
const RegistersPage = lazy(() => import('../registers/RegistersPage'));
const RegisterPage = lazy(() => import('../registers/RegisterPage'));
// A review's input pack for its participants.
const ManagementReviewPage = lazy(() => import('../management-review/ManagementReviewPage'));
// A concern raised without one's name; rare, and it renders a form.
const AnonymousConcernPage = lazy(() => import('../inbox/AnonymousConcernPage'));
// Visited once in a while, from the user menu.
const ChangePasswordPage = lazy(() => import('../auth/ChangePasswordPage'));
// The audit trail is for admins and auditors only.
const AuditTrailPage = lazy(() => import('../audit/AuditTrailPage'));
// Readiness for everyone (it reads the registers); the evidence pack for the manager and the external auditor.
const ReadinessPage = lazy(() => import('../evidence-pack/ReadinessPage'));
const EvidencePackPage = lazy(() => import('../evidence-pack/EvidencePackPage'));

/** The signed-in app's pages, first match wins. `/` and `/admin` redirect (see App). */
export const appRoutes: readonly AppRoute[] = [
  { path: '/inbox', title: 'Inbox', component: InboxPage },
  { path: '/roadmap', title: 'Roadmap', component: RoadmapPage },
  { path: '/registers', title: 'Registers', component: RegistersPage },
  { path: '/registers/:register', title: 'Register', component: RegisterPage },
  { path: '/registers/:register/:id', title: 'Register record', component: RegisterPage },
  { path: '/tasks/:id', title: 'Task', component: TaskPage },
  {
    path: '/report/concern/anonymous',
    title: 'Raise a concern anonymously',
    component: AnonymousConcernPage,
    roles: REPORTER_ROLES,
  },
  { path: '/processes', title: 'Processes', component: ProcessesPage },
  { path: '/processes/:id', title: 'Process', component: InstancePage },
  { path: '/management-reviews/:id', title: 'Management review', component: ManagementReviewPage },
  { path: '/account/password', title: 'Change password', component: ChangePasswordPage },
  { path: '/audit', title: 'Audit trail', component: AuditTrailPage, roles: AUDIT_ROLES },
  { path: '/readiness', title: 'Readiness', component: ReadinessPage },
  { path: '/evidence-pack', title: 'Evidence pack', component: EvidencePackPage, roles: PACK_ROLES },
  { path: '/admin/forms/:key', title: 'Form designer', component: FormDesignerPage, roles: ['admin'] },
  {
    path: '/admin/workflows/:key',
    title: 'Workflow settings',
    component: WorkflowSettingsPage,
    roles: ['admin'],
  },
  { path: '/admin/:section', title: 'Admin', component: AdminArea, roles: ['admin'] },
];
