import { AuditChainHead, HistoryRecord } from '../../audit/history-record.entity';
import { Group, GroupMember } from '../../identity/group.entity';
import { Organization } from '../../identity/organization.entity';
import { Session } from '../../identity/session.entity';
import { User } from '../../identity/user.entity';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import { ChildBatch } from '../../workflow/child-batch.entity';
import { ProcessInstance } from '../../workflow/process-instance.entity';
import { Task } from '../../workflow/task.entity';
import { Timer } from '../../workflow/timer.entity';
import { WorkflowDefinition } from '../../workflow/workflow-definition.entity';

/** Every TypeORM entity of the app; a feature adds its own here. */
export const entities = [
  Organization,
  User,
  Group,
  GroupMember,
  Session,
  WorkflowDefinition,
  ProcessInstance,
  ChildBatch,
  Task,
  Timer,
  HistoryRecord,
  AuditChainHead,
  OutboxMessage,
];
