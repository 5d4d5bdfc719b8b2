import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutboxModule } from '../outbox/outbox.module';
import { BuiltInWorkflows } from './built-in-workflows.service';
import { DefinitionChecks } from './definition-checks';
import { DefinitionsService } from './definitions.service';
import { InstancesService } from './instances.service';
import { ProcessRuntime } from './process-runtime';
import { StepListeners } from './step-listeners';
import { TaskEvents } from './task-events.service';
import { TasksService } from './tasks.service';
import { TimerPoller } from './timer-poller.service';
import { DefinitionsController, InstancesController, TasksController } from './workflow.controller';

@Module({
  imports: [AuditModule, OutboxModule],
  controllers: [DefinitionsController, InstancesController, TasksController],
  providers: [
    ProcessRuntime,
    DefinitionsService,
    InstancesService,
    TasksService,
    TimerPoller,
    BuiltInWorkflows,
    TaskEvents,
    StepListeners,
    DefinitionChecks,
  ],
  exports: [
    ProcessRuntime,
    DefinitionsService,
    InstancesService,
    TasksService,
    TimerPoller,
    BuiltInWorkflows,
    TaskEvents,
    StepListeners,
    DefinitionChecks,
  ],
})
export class WorkflowModule {}
