import type { DataSource } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { User } from '../identity/user.entity';

/** The principal of a seeded user, for calling services directly in tests. */
export async function principalOf(dataSource: DataSource, email: string): Promise<Principal> {
  const u = await dataSource.getRepository(User).findOneByOrFail({ email });
  return { userId: u.id, organizationId: u.organizationId, email: u.email, name: u.name, roles: u.roles };
}
