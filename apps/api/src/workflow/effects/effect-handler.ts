import type { Effect } from '@aimsflow/engine';
import type { StepContext } from '../../platform/step/step-context';
import type { ProcessInstance } from '../process-instance.entity';

export type EffectType = Effect['type'];
export type EffectOf<T extends EffectType> = Extract<Effect, { type: T }>;

/** Applies one kind of engine effect inside the step's transaction. A new effect kind = one new handler. */
export interface EffectHandler<T extends EffectType = EffectType> {
  readonly type: T;
  /**
   * A batched handler only queues writes on the step's write batch (and reads nothing they change);
   * before any other handler the batch is flushed, so it sees every earlier write.
   */
  readonly batched?: boolean;
  apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<T>): Promise<void>;
}

/** Dispatches each effect of a step to the handler of its type, in the order the engine emitted them. */
export class EffectHandlers {
  private readonly byType = new Map<EffectType, EffectHandler>();

  constructor(handlers: EffectHandler[]) {
    for (const handler of handlers) {
      if (this.byType.has(handler.type)) throw new Error(`Two handlers for effect ${handler.type}.`);
      this.byType.set(handler.type, handler);
    }
  }

  async apply(ctx: StepContext, instance: ProcessInstance, effects: Effect[]): Promise<void> {
    for (const effect of effects) {
      const handler = this.byType.get(effect.type);
      if (!handler) throw new Error(`No handler for effect ${effect.type}.`);
      if (!handler.batched) await ctx.flush();
      await handler.apply(ctx, instance, effect);
    }
  }
}
