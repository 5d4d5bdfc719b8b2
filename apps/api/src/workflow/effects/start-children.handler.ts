import type { StepContext } from '../../platform/step/step-context';
import { ChildBatch } from '../child-batch.entity';
import type { DefinitionCache } from '../definition-cache';
import type { InstanceSteps } from '../instance-steps';
import type { ProcessInstance } from '../process-instance.entity';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `startChildren`: one child instance per input, in a batch that tells the parent when its quorum is done. */
export class StartChildrenHandler implements EffectHandler<'startChildren'> {
  readonly type = 'startChildren' as const;
  constructor(
    private readonly definitions: DefinitionCache,
    private readonly steps: InstanceSteps,
  ) {}

  async apply(ctx: StepContext, parent: ProcessInstance, effect: EffectOf<'startChildren'>): Promise<void> {
    const definition = await this.definitions.find(ctx.tx, parent.organizationId, effect.definitionKey);
    const total = effect.inputs.length;
    const required = effect.completion === 'all' ? total : Math.min(effect.completion.quorum, total);
    const batch = await ctx.tx.getRepository(ChildBatch).save({
      organizationId: parent.organizationId,
      parentId: parent.id,
      stateId: effect.stateId,
      total,
      required,
      doneEvent: effect.doneEvent,
      outputs: [],
      status: required === 0 ? 'done' : 'waiting',
    });
    if (required === 0) {
      ctx.queue.push({
        instanceId: parent.id,
        event: { type: effect.doneEvent, stateId: effect.stateId, outputs: [] },
        kind: 'children.done',
      });
    }
    for (const input of effect.inputs) {
      await this.steps.start(ctx, definition, (input ?? {}) as Record<string, unknown>, parent.businessKey, {
        id: parent.id,
        batchId: batch.id,
      });
    }
  }
}
