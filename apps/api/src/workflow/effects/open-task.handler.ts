import type { StepContext } from '../../platform/step/step-context';
import { Group } from '../../identity/group.entity';
import type { ProcessInstance } from '../process-instance.entity';
import type { TaskWrites } from '../task-writes';
import type { EffectHandler, EffectOf } from './effect-handler';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `openTask`: a task for a person (a user id), a role or a group (id or name), with an optional due date. */
export class OpenTaskHandler implements EffectHandler<'openTask'> {
  readonly type = 'openTask' as const;
  readonly batched = true;
  constructor(private readonly tasks: TaskWrites) {}

  async apply(ctx: StepContext, instance: ProcessInstance, effect: EffectOf<'openTask'>): Promise<void> {
    const assigneeId = effect.assignee && UUID.test(effect.assignee) ? effect.assignee : null;
    let candidateGroupId: string | null = null;
    if (effect.candidateGroup) {
      const group = await ctx.tx.getRepository(Group).findOne({
        where: UUID.test(effect.candidateGroup)
          ? { organizationId: instance.organizationId, id: effect.candidateGroup }
          : { organizationId: instance.organizationId, name: effect.candidateGroup },
      });
      candidateGroupId = group?.id ?? null;
    }
    const escalateTo = (effect as { escalateTo?: unknown }).escalateTo;
    await this.tasks.queueInsert(ctx, instance, {
      stateId: effect.stateId,
      title: effect.title ?? effect.form,
      formKey: effect.form,
      completeEvent: effect.completeEvent,
      assigneeId,
      candidateRole: effect.candidateRole ?? null,
      candidateGroupId,
      priority: effect.priority ?? 0,
      dueAt: effect.dueInMs !== undefined ? new Date(ctx.now.getTime() + effect.dueInMs) : null,
      escalateTo: typeof escalateTo === 'string' ? escalateTo : null,
    });
  }
}
