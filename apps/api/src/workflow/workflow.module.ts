import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutboxModule } from '../outbox/outbox.module';
import { BuiltInWorkflows } from './built-in-workflows.service';
import { DateTimers } from './date-timers';
import { DefinitionChecks } from './definition-checks';
import { DefinitionsService } from './definitions.service';
import { InstancesService } from './instances.service';
import { ProcessRuntime } from './process-runtime';
import { ReportIntakeController } from './report-intake.controller';
import { StepListeners } from './step-listeners';
import { TaskDueDates } from './task-due-dates';
import { TaskIndependence } from './task-independence';
import { TaskPrefills } from './task-prefill';
import { TaskEvents } from './task-events.service';
import { TasksService } from './tasks.service';
import { TimerPoller } from './timer-poller.service';
import { DefinitionsController, InstancesController } from './workflow.controller';

@Module({
  imports: [AuditModule, OutboxModule],
  controllers: [DefinitionsController, InstancesController, ReportIntakeController],
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
    TaskDueDates,
    TaskPrefills,
    TaskIndependence,
    DateTimers,
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
    TaskPrefills,
    TaskIndependence,
  ],
})
export class WorkflowModule {}
