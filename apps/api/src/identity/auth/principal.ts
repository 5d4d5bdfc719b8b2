import type { Role } from '../roles';

/** Who is calling: attached to the request by the AuthGuard. */
export interface Principal {
  userId: string;
  organizationId: string;
  email: string;
  name: string;
  roles: Role[];
  /** The session the request came with (absent for principals built by tests and services). */
  sessionId?: string;
  /** The session was opened with a temporary password: it may only change it (see AuthGuard). */
  passwordChangeRequired?: boolean;
}
