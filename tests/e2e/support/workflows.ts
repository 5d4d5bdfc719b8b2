import type { APIRequestContext } from 'playwright-core';

/** A one-step workflow: a task on `form` offered to `candidateRole`, then done. */
export function singleTaskMachine(key: string, form: string, title: string, candidateRole = 'contributor') {
  return {
    id: key,
    initial: 'working',
    states: {
      working: {
        meta: { task: { form, title, candidateRole, dueIn: 'P1D', priority: 2, completeEvent: 'SUBMIT' } },
        on: { SUBMIT: { target: 'done', actions: [{ type: 'assignFromForm', params: { to: 'result' } }] } },
      },
      done: { type: 'final' },
    },
  };
}

/** Deploys a single-task workflow and starts one instance of it, through the API of a signed-in admin (deploying is admin only). */
export async function deployAndStart(
  request: APIRequestContext,
  options: {
    key: string;
    name: string;
    form: string;
    taskTitle: string;
    candidateRole?: string;
    businessKey?: string;
  },
): Promise<{ instanceId: string }> {
  const deploy = await request.post('/api/workflow-definitions', {
    data: {
      key: options.key,
      name: options.name,
      machine: singleTaskMachine(options.key, options.form, options.taskTitle, options.candidateRole),
    },
  });
  if (!deploy.ok()) throw new Error(`deploy ${options.key}: ${deploy.status()} ${await deploy.text()}`);
  const start = await request.post('/api/process-instances', {
    data: { definitionKey: options.key, businessKey: options.businessKey },
  });
  if (!start.ok()) throw new Error(`start ${options.key}: ${start.status()} ${await start.text()}`);
  const instance = (await start.json()) as { id: string };
  return { instanceId: instance.id };
}
