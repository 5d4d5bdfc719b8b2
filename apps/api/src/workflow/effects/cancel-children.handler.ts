import type { StepContext } from '../../platform/step/step-context';
import type { InstanceSteps } from '../instance-steps';
import type { ProcessInstance } from '../process-instance.entity';
import type { EffectHandler, EffectOf } from './effect-handler';

/** `cancelChildren`: the state waiting for sub-processes was left; the children still running are cancelled. */
export class CancelChildrenHandler implements EffectHandler<'cancelChildren'> {
  readonly type = 'cancelChildren' as const;
  constructor(private readonly steps: InstanceSteps) {}

  async apply(
    ctx: StepContext,
    instance: ProcessInstance,
    effect: EffectOf<'cancelChildren'>,
  ): Promise<void> {
    await this.steps.cancelChildren(ctx, instance.id, effect.stateId);
  }
}
