import { useMemo } from 'react';
import type { Person } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { useAuth } from '../auth/AuthProvider';
import { approvalsApi } from './approvals-api';

/** People of the organisation by id (empty for those who may not list them, e.g. external auditors). */
export function usePeople(): { people: Person[]; names: ReadonlyMap<string, string> } {
  const { api } = useAuth();
  const query = useQuery(
    (signal) =>
      approvalsApi(api)
        .people(signal)
        .catch(() => [] as Person[]),
    'people',
  );
  return useMemo(() => {
    const people = query.data ?? [];
    return { people, names: new Map(people.map((p) => [p.id, p.name])) };
  }, [query.data]);
}
