import type { Role } from '../roles';

/** Who is calling: attached to the request by the AuthGuard. */
export interface Principal {
  userId: string;
  organizationId: string;
  email: string;
  name: string;
  roles: Role[];
}
