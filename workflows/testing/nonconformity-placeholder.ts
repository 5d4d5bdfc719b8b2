import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/**
 * Tests only: stands in for `nonconformity` (built on another branch) so the internal audit's
 * child start can be exercised. It ends at once and returns the input it was started with. Not a
 * built-in; delete it once the real definition is listed in `workflows/index.ts`.
 */
export const nonconformityPlaceholder: WorkflowDefinitionInput = {
  key: 'nonconformity',
  name: 'Nonconformity (test placeholder)',
  machine: {
    id: 'nonconformity',
    initial: 'recorded',
    context: { source: null, sourceTitle: null, item: null },
    states: {
      recorded: {
        type: 'final',
        output: {
          source: '{{context.source}}',
          sourceTitle: '{{context.sourceTitle}}',
          item: '{{context.item}}',
        },
      },
    },
  },
};
