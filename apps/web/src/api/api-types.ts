/** Shapes of the JSON the Aimsflow API returns, as the web app relies on them. */

export const ROLES = [
  'admin',
  'aims-manager',
  'contributor',
  'top-management',
  'internal-auditor',
  'external-auditor',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  'aims-manager': 'AIMS manager',
  contributor: 'Contributor',
  'top-management': 'Top management',
  'internal-auditor': 'Internal auditor',
  'external-auditor': 'External auditor',
};

/** A human label for a role, tolerating roles this client does not know yet. */
export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

export interface GroupRef {
  id: string;
  name: string;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  organization: Organization;
  groups: GroupRef[];
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  roles: string[];
  groups: GroupRef[];
  active: boolean;
  expiresAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface GroupMember {
  id: string;
  name: string;
  email: string;
}

export interface Group {
  id: string;
  name: string;
  description: string | null;
  members: GroupMember[];
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  details?: unknown;
}
