// Test support: works off a process tree's open tasks through the HTTP API, each as the right person.
import { builtInForms, realiseExample, type EvidenceRef } from '@aimsflow/forms';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../identity/auth/password';
import type { Role } from '../identity/roles';
import { DEMO_PASSWORD } from '../identity/seed.service';
import { User } from '../identity/user.entity';
import type { ApiClient, TestApp } from '../testing/test-app';

export interface Person {
  id: string;
  email: string;
  roles: Role[];
  api: ApiClient;
}

export interface OpenTask {
  id: string;
  title: string;
  form_key: string;
  state_id: string;
  instance_id: string;
  definition_key: string;
  assignee_id: string | null;
  candidate_role: string | null;
  approval_id: string | null;
  approval_level: number | null;
}

export interface DriveOptions {
  /** Form data for a task; undefined falls back to the form's first valid example. */
  data?: (task: OpenTask, person: Person) => unknown;
  /** The decision on an approval task (default approve). */
  decision?: (
    task: OpenTask,
    person: Person,
  ) => { decision: 'approve' | 'reject' | 'request-changes'; comment?: string } | undefined;
  /** Leave these tasks open (the caller handles them). */
  skip?: (task: OpenTask) => boolean;
  maxRounds?: number;
}

/** Adds a user to the demo organisation and signs them in. */
export async function addPerson(t: TestApp, email: string, roles: Role[]): Promise<Person> {
  const demo = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'manager@acme.example' });
  const user = await t.dataSource.getRepository(User).save({
    email,
    name: email.split('@')[0],
    roles,
    organizationId: demo.organizationId,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  return { id: user.id, email, roles, api: await t.login(email) };
}

export async function personOf(t: TestApp, email: string): Promise<Person> {
  const user = await t.dataSource.getRepository(User).findOneByOrFail({ email });
  return { id: user.id, email, roles: user.roles, api: await t.login(email) };
}

/** Open tasks of an instance and of every process below it. */
export async function openTasks(dataSource: DataSource, rootId: string): Promise<OpenTask[]> {
  return dataSource.query(
    `WITH RECURSIVE tree AS (SELECT id FROM process_instances WHERE id = $1
       UNION ALL SELECT p.id FROM process_instances p JOIN tree ON p.parent_id = tree.id)
     SELECT id, title, form_key, state_id, instance_id, definition_key, assignee_id, candidate_role, approval_id, approval_level
       FROM tasks WHERE status = 'open' AND instance_id IN (SELECT id FROM tree) ORDER BY created_at, id`,
    [rootId],
  );
}

export function exampleData(formKey: string): Record<string, unknown> {
  const form = builtInForms.find((f) => f.key === formKey);
  if (!form?.examples.valid[0]) throw new Error(`no example for form ${formKey}`);
  return structuredClone(form.examples.valid[0].data) as Record<string, unknown>;
}

/**
 * Completes open tasks under `rootId` until `until()` holds: personal tasks by their assignee,
 * role tasks by the first person holding the role (claimed first), approvals by an eligible
 * approver (not the chain's author, not someone who decided before).
 */
export async function drive(
  t: TestApp,
  people: Person[],
  rootId: string,
  until: () => Promise<boolean>,
  options: DriveOptions = {},
) {
  for (let round = 0; round < (options.maxRounds ?? 60); round++) {
    if (await until()) return;
    const tasks = (await openTasks(t.dataSource, rootId)).filter((task) => !options.skip?.(task));
    if (tasks.length === 0) throw new Error('No open task left, and the condition does not hold yet.');
    for (const task of tasks) await work(t, people, task, options);
  }
  throw new Error('The condition did not hold within the rounds allowed.');
}

async function work(t: TestApp, people: Person[], task: OpenTask, options: DriveOptions) {
  const [still] = await t.dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [task.id]);
  if (still?.status !== 'open') return;
  if (task.approval_id) {
    const [approval] = await t.dataSource.query(`SELECT author_id FROM approvals WHERE id = $1`, [
      task.approval_id,
    ]);
    const decided: string[] = (
      await t.dataSource.query(`SELECT user_id FROM approval_decisions WHERE approval_id = $1`, [
        task.approval_id,
      ])
    ).map((r: { user_id: string }) => r.user_id);
    const person = people.find(
      (p) =>
        (task.assignee_id ? p.id === task.assignee_id : p.roles.includes(task.candidate_role as Role)) &&
        p.id !== approval?.author_id &&
        !decided.includes(p.id),
    );
    if (!person)
      throw new Error(`Nobody may decide "${task.title}" (${task.state_id}, role ${task.candidate_role}).`);
    const body = options.decision?.(task, person) ?? { decision: 'approve' };
    const res = await person.api.post(`/api/approvals/${task.approval_id}/decisions`, body);
    if (res.status !== 200)
      throw new Error(
        `${person.email} could not decide "${task.title}": ${res.status} ${JSON.stringify(res.body)}`,
      );
    return;
  }
  const person = people.find((p) =>
    task.assignee_id ? p.id === task.assignee_id : p.roles.includes(task.candidate_role as Role),
  );
  if (!person)
    throw new Error(
      `Nobody can work on "${task.title}" (role ${task.candidate_role}, assignee ${task.assignee_id}).`,
    );
  if (!task.assignee_id) {
    const claimed = await person.api.post(`/api/tasks/${task.id}/claim`);
    if (claimed.status !== 200)
      throw new Error(
        `${person.email} could not claim "${task.title}": ${claimed.status} ${JSON.stringify(claimed.body)}`,
      );
  }
  const evidence = await uploadEvidence(person);
  const given = options.data?.(task, person);
  // Given data keeps its people; only its cited evidence becomes a file that was really uploaded.
  const data = given ? realiseExample(given, { evidence }) : defaultData(task, person, evidence);
  const res = await person.api.post(`/api/tasks/${task.id}/complete`, { data });
  if (res.status !== 200)
    throw new Error(
      `${person.email} could not complete "${task.title}": ${res.status} ${JSON.stringify(res.body)}`,
    );
}

function defaultData(task: OpenTask, person: Person, evidence: EvidenceRef): unknown {
  if (task.form_key === 'approval-decision') return { decision: 'approve' };
  // Examples name made-up people and files; a real submission names real ones.
  return realiseExample(exampleData(task.form_key), { personId: person.id, evidence });
}

const uploaded = new WeakMap<ApiClient, Promise<EvidenceRef>>();

/** One small evidence file uploaded as this person (once per client), to cite in submissions. */
export function uploadEvidence(person: Pick<Person, 'api' | 'email'>): Promise<EvidenceRef> {
  let ref = uploaded.get(person.api);
  if (!ref) {
    ref = fetch(`${person.api.baseUrl}/api/evidence?name=evidence.txt&type=text/plain`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-requested-with': 'aimsflow', // CSRF header (platform/http/csrf.ts)
        ...(person.api.cookie ? { cookie: person.api.cookie } : {}),
      },
      body: `evidence for the walkthrough (${person.email})`,
    }).then(async (res) => {
      if (!res.ok) throw new Error(`evidence upload failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as EvidenceRef;
    });
    uploaded.set(person.api, ref);
  }
  return ref;
}
