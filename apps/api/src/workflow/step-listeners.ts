import { Injectable } from '@nestjs/common';
import type { EngineEvent, StepResult } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import type { ProcessInstance } from './process-instance.entity';

/** One engine step (or an instance start) that was just applied, inside its transaction. */
export interface StepNotice {
  /** The step's transaction: write through it, so a listener's rows commit or roll back with the step. */
  tx: EntityManager;
  now: Date;
  actorId: string | null;
  /** The instance after the step (`status` is already `completed` when the step ended it). */
  instance: ProcessInstance;
  /** History kind: `instance.started`, `task.completed`, `approval.approved`, `children.done`, `timer.fired`, `event`, … */
  kind: string;
  /** The event applied (absent for `instance.started`). */
  event?: EngineEvent;
  stateBefore?: unknown;
  result: StepResult;
  /** What the history record carries; for `task.completed`: `{ taskId, formKey, formVersion, data, assigneeId? }`. */
  payload?: unknown;
}

/** Code outside the engine that keeps derived records (registers, read models) in step with the workflows. */
export interface StepListener {
  onStep(notice: StepNotice): Promise<void>;
}

/**
 * Where listeners register (typically in their own `onModuleInit`). The runtime calls each one after
 * every applied step, in the step's transaction; a listener that throws rolls the whole step back.
 */
@Injectable()
export class StepListeners {
  private readonly listeners: StepListener[] = [];

  register(listener: StepListener): void {
    if (!this.listeners.includes(listener)) this.listeners.push(listener);
  }

  async notify(notice: StepNotice): Promise<void> {
    for (const listener of this.listeners) await listener.onStep(notice);
  }
}
