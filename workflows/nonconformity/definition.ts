import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/** How long after the last corrective action the effect is checked; the plan or the start input picks one. */
export const EFFECTIVENESS_CHECK_DELAYS = ['P14D', 'P30D', 'P60D', 'P90D', 'P180D'] as const;
export const DEFAULT_EFFECTIVENESS_CHECK_DELAY = 'P60D';

/**
 * The plan names every action owner at `plan.actions.<i>.ownerId`; the form allows at most this many
 * actions, so the check can name each owner by path (the engine reads one person per path).
 */
export const MAX_CORRECTIVE_ACTIONS = 20;

const waitingState = (delay: string) => `after${delay}`;

const routeTo = (path: string, delay: string) => ({
  target: `waiting.${waitingState(delay)}`,
  guard: { type: 'contextEquals', params: { path, value: delay } },
});

/** The plan, first time or after a failed check: one task, the submission kept as `plan`. */
function planState(title: string, description: string) {
  return {
    meta: {
      description,
      task: {
        form: 'corrective-action-plan',
        title,
        assignee: '{{context.ownerId}}',
        candidateRole: 'aims-manager',
        dueIn: 'P14D',
      },
    },
    on: {
      SUBMIT: {
        target: 'implementing',
        actions: [
          { type: 'setContext', params: { values: { plan: '{{event.data}}' } } },
          { type: 'appendToContext', params: { to: 'plans' } },
        ],
      },
    },
  };
}

const handlerTask = (form: string, title: string, description: string, dueIn: string) => ({
  description,
  task: { form, title, assignee: '{{context.ownerId}}', candidateRole: 'aims-manager', dueIn },
});

/**
 * Nonconformity and corrective action (10.2). Started by hand (no input: the first task records
 * it) or as a child of an audit, a monitoring cycle or an incident with the start input
 * `{ source, sourceTitle?, item?: { title, description, grade, clause?, control?, evidence? } }`
 * (recording is then skipped), and optionally `ownerId` (who handles it) and
 * `effectivenessCheckAfter` (one of `EFFECTIVENESS_CHECK_DELAYS`, default P60D).
 *
 * Contain and correct → root cause and similar problems elsewhere → a plan of actions, each its
 * own `corrective-action` instance for its owner → once the last is done, a timer opens the
 * effectiveness check: an approval chain (the AIMS managers) that names every action owner in
 * `excludePeople` and also excludes whoever completed a step of an action, so no owner checks
 * their own action. Effective: closed. Not effective: reopened with a new plan, and checked again.
 */
export const nonconformityWorkflow: WorkflowDefinitionInput = {
  key: 'nonconformity',
  name: 'Nonconformity and corrective action',
  machine: {
    id: 'nonconformity',
    initial: 'starting',
    context: {
      source: 'other',
      sourceTitle: null,
      item: null,
      ownerId: null,
      effectivenessCheckAfter: DEFAULT_EFFECTIVENESS_CHECK_DELAY,
      nonconformity: null,
      containment: null,
      rootCause: null,
      plan: null,
      plans: [],
      actionResults: [],
      checks: [],
    },
    states: {
      // A nonconformity handed over by another process is already recorded.
      starting: {
        always: [
          {
            target: 'containing',
            guard: { type: 'contextNotEquals', params: { path: 'context.item', value: null } },
            actions: [
              {
                type: 'setContext',
                params: {
                  values: {
                    nonconformity: {
                      title: '{{context.item.title}}',
                      description: '{{context.item.description}}',
                      grade: '{{context.item.grade}}',
                      clause: '{{context.item.clause}}',
                      control: '{{context.item.control}}',
                      evidence: '{{context.item.evidence}}',
                      source: '{{context.source}}',
                      sourceTitle: '{{context.sourceTitle}}',
                    },
                  },
                },
              },
            ],
          },
          { target: 'recording' },
        ],
      },
      recording: {
        meta: {
          description: 'Record what was found, where, against which clause or control, and its grade',
          task: {
            form: 'nonconformity-record',
            title: 'Record a nonconformity',
            candidateRole: 'aims-manager',
            dueIn: 'P7D',
          },
        },
        on: {
          SUBMIT: {
            target: 'containing',
            actions: [
              { type: 'setContext', params: { values: { nonconformity: '{{event.data}}' } } },
              {
                type: 'setContext',
                params: {
                  values: {
                    source: '{{event.data.source}}',
                    sourceTitle: '{{event.data.sourceTitle}}',
                    ownerId: '{{event.data.ownerId}}',
                  },
                },
              },
            ],
          },
        },
      },
      containing: {
        meta: handlerTask(
          'nonconformity-containment',
          'Contain and correct: {{context.nonconformity.title}}',
          'React at once: control the nonconformity and deal with its consequences (10.2 a)',
          'P7D',
        ),
        on: {
          SUBMIT: {
            target: 'analysing',
            actions: [{ type: 'assignFromForm', params: { to: 'containment' } }],
          },
        },
      },
      analysing: {
        meta: handlerTask(
          'nonconformity-root-cause',
          'Find the root cause: {{context.nonconformity.title}}',
          'Find why it happened, and whether similar problems exist or could occur elsewhere (10.2 b)',
          'P14D',
        ),
        on: {
          SUBMIT: { target: 'planning', actions: [{ type: 'assignFromForm', params: { to: 'rootCause' } }] },
        },
      },
      planning: planState(
        'Plan corrective actions: {{context.nonconformity.title}}',
        'Decide the actions that remove the cause, each with an owner and a due date (10.2 c)',
      ),
      // After a check found the actions did not work: a new plan, the earlier ones kept in `plans`.
      replanning: planState(
        'Plan new corrective actions (the last ones did not work): {{context.nonconformity.title}}',
        'The effectiveness check found the cause not removed: plan other actions (10.2 c, f)',
      ),
      implementing: {
        meta: {
          description: 'Each action is carried out by its owner (10.2 c)',
          subprocess: {
            definitionKey: 'corrective-action',
            forEach: 'context.plan.actions',
            input: { nonconformityTitle: '{{context.nonconformity.title}}', source: '{{context.source}}' },
          },
        },
        on: {
          CHILDREN_DONE: {
            target: 'scheduling',
            actions: [{ type: 'setContext', params: { values: { actionResults: '{{event.outputs}}' } } }],
          },
        },
      },
      // The delay the plan chose, else the one the instance started with, else 60 days.
      scheduling: {
        always: [
          ...EFFECTIVENESS_CHECK_DELAYS.map((d) => routeTo('context.plan.effectivenessCheckAfter', d)),
          ...EFFECTIVENESS_CHECK_DELAYS.map((d) => routeTo('context.effectivenessCheckAfter', d)),
          { target: `waiting.${waitingState(DEFAULT_EFFECTIVENESS_CHECK_DELAY)}` },
        ],
      },
      waiting: {
        meta: { description: 'Give the actions time to show their effect before it is checked (10.2 d)' },
        initial: waitingState(DEFAULT_EFFECTIVENESS_CHECK_DELAY),
        states: Object.fromEntries(
          EFFECTIVENESS_CHECK_DELAYS.map((d) => [
            waitingState(d),
            { after: { [d]: '#nonconformity.checking' } },
          ]),
        ),
      },
      checking: {
        id: 'nonconformity.checking',
        meta: {
          description:
            'Someone who owned none of the actions checks whether they removed the cause: effective closes it, not effective reopens it (10.2 d)',
          approval: {
            title: 'Check whether the corrective actions worked: {{context.nonconformity.title}}',
            levels: [{ role: 'aims-manager', rule: 'any' }],
            subject: 'context',
            excludePeople: Array.from(
              { length: MAX_CORRECTIVE_ACTIONS },
              (_, i) => `context.plan.actions.${i}.ownerId`,
            ),
            // Also whoever completed an action for its owner (a delegate).
            excludeChildCompleters: true,
          },
        },
        on: {
          APPROVED: {
            target: 'closed',
            actions: [{ type: 'appendToContext', params: { to: 'checks' } }],
          },
          REJECTED: {
            target: 'replanning',
            actions: [{ type: 'appendToContext', params: { to: 'checks' } }],
          },
        },
      },
      closed: {
        type: 'final',
        meta: { outcome: 'closed' },
        output: {
          outcome: 'closed',
          nonconformity: '{{context.nonconformity}}',
          source: '{{context.source}}',
          containment: '{{context.containment}}',
          rootCause: '{{context.rootCause}}',
          plan: '{{context.plan}}',
          actions: '{{context.actionResults}}',
          checks: '{{context.checks}}',
        },
      },
    },
  },
};
