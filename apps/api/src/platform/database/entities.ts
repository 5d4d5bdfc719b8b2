import { Approval, ApprovalDecision } from '../../approvals/approval.entity';
import { AuditChainHead, AuditCheckpoint, HistoryRecord } from '../../audit/history-record.entity';
import { EvidenceFile } from '../../forms/evidence-file.entity';
import { FormDefinition } from '../../forms/form-definition.entity';
import { FormVersion } from '../../forms/form-version.entity';
import { Group, GroupMember } from '../../identity/group.entity';
import { InboxView } from '../../inbox/inbox-view.entity';
import { TaskComment } from '../../tasks/task-comment.entity';
import { Organization } from '../../identity/organization.entity';
import { Session } from '../../identity/session.entity';
import { User } from '../../identity/user.entity';
import { Notification, NotificationPreference } from '../../notifications/notification.entity';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import { DocumentRow } from '../../registers/document.entity';
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
  AuditCheckpoint,
  OutboxMessage,
  Approval,
  ApprovalDecision,
  TaskComment,
  InboxView,
  Notification,
  NotificationPreference,
  FormDefinition,
  FormVersion,
  EvidenceFile,
  DocumentRow,
];
