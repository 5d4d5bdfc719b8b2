import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  offeredActions,
  type CompiledDefinition,
  type EngineEvent,
  type OfferedAction,
} from '@aimsflow/engine';
import { DataSource, type EntityManager } from 'typeorm';
import { ApprovalChains, type DecisionRequest } from '../approvals/approval-chain';
import type { Approval } from '../approvals/approval.entity';
import { AuditTrailService } from '../audit/audit-trail.service';
import type { Principal } from '../identity/auth/principal';
import { GroupMember } from '../identity/group.entity';
import { UnitOfWork } from '../platform/step/unit-of-work';
import { DefinitionCache } from './definition-cache';
import { effectHandlers } from './effects';
import { FORM_BINDING, UnboundForms, type FormBinding } from './form-binding';
import { InstanceSteps } from './instance-steps';
import type { ProcessInstance } from './process-instance.entity';
import { StepListeners } from './step-listeners';
import { TaskEvents } from './task-events.service';
import { TaskWrites } from './task-writes';
import type { Task } from './task.entity';
import { CancelInstance, type CancelReasonRule } from './use-cases/cancel-instance.usecase';
import { CompleteTask, type NextTask } from './use-cases/complete-task.usecase';
import { DecideApproval } from './use-cases/decide-approval.usecase';
import { FireTimer } from './use-cases/fire-timer.usecase';
import { MigrateInstance } from './use-cases/migrate-instance.usecase';
import type { RuntimeParts } from './use-cases/runtime-parts';
import { SendEvent } from './use-cases/send-event.usecase';
import {
  StartInstance,
  type StartInputProvider,
  type StartRequest,
} from './use-cases/start-instance.usecase';
import type { WorkflowDefinition } from './workflow-definition.entity';

export type { CancelReasonRule } from './use-cases/cancel-instance.usecase';
export type { NextTask } from './use-cases/complete-task.usecase';
export type { StartInputProvider, StartRequest } from './use-cases/start-instance.usecase';
export { mapStateValue } from './use-cases/migrate-instance.usecase';

/**
 * The engine's I/O shell, as one injectable: a thin facade over one use case per operation. Each
 * operation is ONE transaction (platform/step/unit-of-work.ts): lock the instance row, run the
 * pure engine step, persist the snapshot with a version check, apply the effects (one handler per
 * kind, workflow/effects/) and append hash-chained history. Nothing is half-applied.
 */
@Injectable()
export class ProcessRuntime {
  private readonly definitions = new DefinitionCache();
  private readonly startUseCase: StartInstance;
  private readonly sendUseCase: SendEvent;
  private readonly completeUseCase: CompleteTask;
  private readonly decideUseCase: DecideApproval;
  private readonly timerUseCase: FireTimer;
  private readonly cancelUseCase: CancelInstance;
  private readonly migrateUseCase: MigrateInstance;

  constructor(
    private readonly dataSource: DataSource,
    audit: AuditTrailService,
    taskEvents: TaskEvents,
    @Optional() @Inject(FORM_BINDING) private readonly forms: FormBinding = new UnboundForms(),
    @Optional() stepListeners: StepListeners = new StepListeners(),
  ) {
    const tasks = new TaskWrites(this.forms);
    const approvals = new ApprovalChains();
    const steps = new InstanceSteps(this.definitions, tasks, stepListeners);
    steps.effects = effectHandlers({ tasks, definitions: this.definitions, steps, approvals });
    const work = new UnitOfWork(dataSource, audit, taskEvents, (ctx) => steps.drain(ctx));
    const parts: RuntimeParts = {
      work,
      steps,
      definitions: this.definitions,
      tasks,
      forms: this.forms,
      approvals,
    };
    this.startUseCase = new StartInstance(parts);
    this.sendUseCase = new SendEvent(parts);
    this.decideUseCase = new DecideApproval(parts);
    this.completeUseCase = new CompleteTask(parts, this.decideUseCase);
    this.timerUseCase = new FireTimer(parts);
    this.cancelUseCase = new CancelInstance(parts);
    this.migrateUseCase = new MigrateInstance(parts, dataSource);
  }

  /** The stored definition version an instance runs (cached: a deployed version never changes). */
  definitionOf(instance: ProcessInstance): Promise<WorkflowDefinition> {
    return this.definitions.byId(this.dataSource.manager, instance.definitionId);
  }

  /** The hand-sent actions (`meta.actions`) the instance's active states offer now. */
  offeredActions(instance: ProcessInstance, definition: WorkflowDefinition): OfferedAction[] {
    if (instance.status !== 'active') return [];
    return offeredActions(this.definitions.compile(definition), instance.snapshot);
  }

  start(organizationId: string, actor: Principal | null, request: StartRequest): Promise<ProcessInstance> {
    return this.startUseCase.execute(organizationId, actor, request);
  }

  /** Fills the input of `definitionKey` when started by hand (see StartInputProvider). */
  provideStartInput(definitionKey: string, provider: StartInputProvider): void {
    this.startUseCase.provideInput(definitionKey, provider);
  }

  send(
    organizationId: string,
    actor: Principal,
    instanceId: string,
    event: EngineEvent,
  ): Promise<ProcessInstance> {
    return this.sendUseCase.execute(organizationId, actor, instanceId, event);
  }

  completeTask(
    organizationId: string,
    actor: Principal,
    taskId: string,
    data: unknown,
  ): Promise<Task & { nextTasks?: NextTask[] }> {
    return this.completeUseCase.execute(organizationId, actor, taskId, data);
  }

  decideApproval(
    organizationId: string,
    actor: Principal,
    approvalId: string,
    request: DecisionRequest,
  ): Promise<Approval> {
    return this.decideUseCase.execute(organizationId, actor, approvalId, request);
  }

  fireNextDueTimer(exclude: readonly string[] = []): Promise<boolean> {
    return this.timerUseCase.next(exclude);
  }

  requireCancelReason(rule: CancelReasonRule): void {
    this.cancelUseCase.requireReason(rule);
  }

  cancel(
    organizationId: string,
    actor: Principal,
    instanceId: string,
    reason?: string | null,
  ): Promise<ProcessInstance> {
    return this.cancelUseCase.execute(organizationId, actor, instanceId, reason);
  }

  migrate(
    organizationId: string,
    actor: Principal | null,
    instanceId: string,
    toVersion: number,
    stateMapping: Record<string, string> = {},
  ): Promise<ProcessInstance> {
    return this.migrateUseCase.execute(organizationId, actor, instanceId, toVersion, stateMapping);
  }

  migrateAll(
    organizationId: string,
    actor: Principal,
    key: string,
    fromVersion: number,
    toVersion: number,
    stateMapping: Record<string, string> = {},
  ): Promise<{ migrated: number }> {
    return this.migrateUseCase.all(organizationId, actor, key, fromVersion, toVersion, stateMapping);
  }

  /** The compiled machine of a stored definition version (cached by content hash: versions are immutable). */
  compile(definition: WorkflowDefinition): CompiledDefinition {
    return this.definitions.compile(definition);
  }

  findDefinition(
    tx: EntityManager,
    organizationId: string,
    key: string,
    version?: number,
  ): Promise<WorkflowDefinition> {
    return this.definitions.find(tx, organizationId, key, version);
  }

  /** Whether the user holds the task's candidate role or belongs to its candidate group. */
  async isCandidate(tx: EntityManager, task: Task, user: Principal): Promise<boolean> {
    if (task.candidateRole && user.roles.includes(task.candidateRole as never)) return true;
    if (task.candidateGroupId) {
      return tx.getRepository(GroupMember).existsBy({ groupId: task.candidateGroupId, userId: user.userId });
    }
    return false;
  }
}
