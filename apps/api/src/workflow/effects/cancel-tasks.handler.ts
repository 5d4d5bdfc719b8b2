import type { StepContext } from '../../platform/step/step-context';
import type { ProcessInstance } from '../process-instance.entity';
import type { TaskWrites } from '../task-writes';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `cancelTasks`: the state was left; its open tasks (not those of approval chains) are cancelled. */
export class CancelTasksHandler implements EffectHandler<'cancelTasks'> {
  readonly type = 'cancelTasks' as const;
  readonly batched = true;
  constructor(private readonly tasks: TaskWrites) {}

  async apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<'cancelTasks'>): Promise<void> {
    await this.tasks.queueClose(ctx, { instanceId: instance.id, stateId: effect.stateId }, 'cancelled');
  }
}
