import type { EntityManager } from 'typeorm';
import type { Principal } from '../identity/auth/principal';

/** Roles that read every instance of their organisation (they run or audit the programme). */
export const READ_ALL_INSTANCES = ['admin', 'aims-manager', 'internal-auditor', 'external-auditor'];

/**
 * Whether `user` may read an instance's data (context, input, output, history, approval subjects):
 * when their role reads everything, when they started it, or when one of its tasks is or was
 * theirs — assigned, delegated, completed by or for them, or open to their role or one of their
 * groups. Anyone else gets the same 404 as for an instance that does not exist, so a task hidden
 * from someone cannot be read through its instance either.
 */
export async function canReadInstance(
  tx: EntityManager,
  user: Principal,
  instanceId: string,
): Promise<boolean> {
  if (user.roles.some((role) => READ_ALL_INSTANCES.includes(role))) return true;
  const [row]: Array<{ ok: boolean }> = await tx.query(
    `SELECT EXISTS (
       SELECT 1 FROM process_instances i WHERE i.organization_id = $1 AND i.id = $2 AND i.started_by = $3
     ) OR EXISTS (
       SELECT 1 FROM tasks t
        WHERE t.organization_id = $1 AND t.instance_id = $2
          AND ($3 IN (t.assignee_id, t.delegate_id, t.completed_by, t.completed_for)
               OR (t.status = 'open' AND (t.candidate_role = ANY($4::text[])
                   OR t.candidate_group_id IN (SELECT group_id FROM group_members WHERE user_id = $3))))
     ) AS ok`,
    [user.organizationId, instanceId, user.userId, user.roles],
  );
  return row?.ok === true;
}
