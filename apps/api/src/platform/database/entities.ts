import { Group, GroupMember } from '../../identity/group.entity';
import { Organization } from '../../identity/organization.entity';
import { Session } from '../../identity/session.entity';
import { User } from '../../identity/user.entity';

/** Every TypeORM entity of the app; a feature adds its own here. */
export const entities = [Organization, User, Group, GroupMember, Session];
