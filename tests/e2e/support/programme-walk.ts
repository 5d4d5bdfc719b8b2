import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from 'playwright-core';
import { realiseExample, type EvidenceRef } from '@aimsflow/forms';
import { DEMO_PASSWORD } from './journeys';
import { repoRoot } from './server';

/** A signed-in person and their own API session. */
export interface Actor {
  email: string;
  id: string;
  name: string;
  roles: string[];
  api: APIRequestContext;
}

/** One row of `GET /api/inbox`. */
export interface InboxTask {
  id: string;
  title: string;
  formKey: string;
  instanceId: string;
  definitionKey: string | null;
  stateId: string;
  assigneeId: string | null;
  candidateRole: string | null;
}

export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Actor> {
  // The API refuses cookie writes without the header the web app sends (CSRF).
  const api = await playwrightRequest.newContext({
    baseURL: baseUrl,
    extraHTTPHeaders: { 'X-Requested-With': 'aimsflow' },
  });
  const res = await api.post('/api/auth/login', { data: { email, password } });
  if (!res.ok()) throw new Error(`login ${email}: ${res.status()} ${await res.text()}`);
  const { user } = await res.json();
  return { email, id: user.id, name: user.name, roles: user.roles, api };
}

/** The JSON body of a 2xx answer; anything else throws with the status and body. */
export async function ok(response: Promise<APIResponse> | APIResponse, what: string): Promise<any> {
  const res = await response;
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** The first valid example of a built-in form (by file name), as a submission to start from. */
export function example(formKey: string): Record<string, unknown> {
  const dir = path.join(repoRoot, 'forms', formKey, 'examples');
  const file = readdirSync(dir)
    .filter((f) => f.startsWith('valid-'))
    .sort()[0];
  if (!file) throw new Error(`form "${formKey}" has no valid example`);
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

const uploaded = new WeakMap<APIRequestContext, Promise<EvidenceRef>>();

/** One small evidence file uploaded as this actor (once), to cite where the examples cite made-up files. */
export function uploadEvidence(actor: Actor): Promise<EvidenceRef> {
  let ref = uploaded.get(actor.api);
  if (!ref) {
    ref = ok(
      actor.api.post('/api/evidence?name=evidence.txt&type=text/plain', {
        headers: { 'content-type': 'application/octet-stream' },
        data: Buffer.from(`evidence uploaded by ${actor.email}`),
      }),
      `${actor.email} uploads evidence`,
    );
    uploaded.set(actor.api, ref);
  }
  return ref;
}

/** Everything in an actor's inbox (held and claimable), every page. */
export async function inboxOf(actor: Actor): Promise<InboxTask[]> {
  const items: InboxTask[] = [];
  let cursor: string | null = null;
  do {
    const params: Record<string, string | number> = { limit: 100, ...(cursor ? { cursor } : {}) };
    const page = await ok(actor.api.get('/api/inbox', { params }), `${actor.email}'s inbox`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export interface WalkOptions {
  /** Checked before each round; the walk ends when it holds. */
  until: () => Promise<boolean>;
  /** Leave this task to the caller (e.g. a decision made through the UI). */
  skip?: (actor: Actor, task: InboxTask) => boolean;
  maxRounds?: number;
}

/**
 * Works the actors' inboxes through the API, round by round, the way the people would: each
 * claims what is offered to their role and submits the form's first valid example (gap items and
 * SoA entries fitted to the item under review); approvals are decided by someone who may (not
 * the author, not someone who decided earlier in the chain). Throws with the open work when stuck.
 */
export async function walkInboxes(actors: Actor[], options: WalkOptions): Promise<number> {
  const maxRounds = options.maxRounds ?? 60;
  for (let round = 0; ; round++) {
    if (await options.until()) return round;
    if (round >= maxRounds) throw new Error(`not there after ${round} rounds`);
    let progressed = false;
    const seen: string[] = [];
    for (const actor of actors) {
      for (const task of await inboxOf(actor)) {
        seen.push(`"${task.title}" (${task.stateId}, ${task.assigneeId ?? task.candidateRole})`);
        if (options.skip?.(actor, task)) continue;
        if (await workOne(actor, task)) progressed = true;
      }
    }
    if (!progressed)
      throw new Error(`Nobody could do anything; open work:\n  ${[...new Set(seen)].join('\n  ')}`);
  }
}

async function workOne(actor: Actor, task: InboxTask): Promise<boolean> {
  const detail = await ok(actor.api.get(`/api/tasks/${task.id}`), `read "${task.title}"`);
  if (detail.status !== 'open') return false;
  if (detail.approvalId) {
    const approval = await ok(actor.api.get(`/api/approvals/${detail.approvalId}`), 'read the approval');
    const decided = approval.levels.flatMap((l: { decisions: Array<{ userId: string }> }) =>
      l.decisions.map((d) => d.userId),
    );
    if (approval.authorId === actor.id || decided.includes(actor.id)) return false;
    await ok(
      actor.api.post(`/api/approvals/${detail.approvalId}/decisions`, { data: { decision: 'approve' } }),
      `${actor.email} approves "${task.title}"`,
    );
    return true;
  }
  if (!detail.assigneeId) {
    if (!actor.roles.includes(detail.candidateRole)) return false;
    await ok(actor.api.post(`/api/tasks/${task.id}/claim`), `${actor.email} claims "${task.title}"`);
  } else if (detail.assigneeId !== actor.id) return false;
  let data = realiseExample(example(task.formKey), {
    personId: actor.id,
    evidence: await uploadEvidence(actor),
  }) as Record<string, unknown>;
  if (task.formKey === 'gap-assessment-item' || task.formKey === 'soa-entry') {
    const instance = await ok(actor.api.get(`/api/process-instances/${task.instanceId}`), 'read the item');
    const itemId: string = instance.context.item.id;
    data =
      task.formKey === 'gap-assessment-item'
        ? { ...data, requirement: itemId }
        : { ...data, control: itemId };
  }
  await ok(
    actor.api.post(`/api/tasks/${task.id}/complete`, { data: { data } }),
    `${actor.email} completes "${task.title}"`,
  );
  return true;
}
