import { Identity1764288000000 } from './1764288000000-Identity';
import { WorkflowEngine1764290000000 } from './1764290000000-WorkflowEngine';
import { Forms1764300000000 } from './1764300000000-Forms';
import { InboxApprovals1764310000000 } from './1764310000000-InboxApprovals';
import { Programme1764320000000 } from './1764320000000-Programme';
import { OpenTasksIndex1764330000000 } from './1764330000000-OpenTasksIndex';
import { AuditAppendFunction1764340000000 } from './1764340000000-AuditAppendFunction';
import { OneProgrammePerOrganisation1764350000000 } from './1764350000000-OneProgrammePerOrganisation';
import { CalendarFeed1764360000000 } from './1764360000000-CalendarFeed';
import { ApprovalExcludedPeople1764370000000 } from './1764370000000-ApprovalExcludedPeople';
import { DefinitionHashNotUnique1764380000000 } from './1764380000000-DefinitionHashNotUnique';
import { AuditChainsPerInstance1764390000000 } from './1764390000000-AuditChainsPerInstance';
import { DurableJobs1764400000000 } from './1764400000000-DurableJobs';
import { LoginThrottle1764410000000 } from './1764410000000-LoginThrottle';
import { SessionIdle1764420000000 } from './1764420000000-SessionIdle';
import { RegisterRecords1764430000000 } from './1764430000000-RegisterRecords';
import { RegisterDeclarations1764440000000 } from './1764440000000-RegisterDeclarations';
import { ApiRequestCounts1764450000000 } from './1764450000000-ApiRequestCounts';
import { DocumentVersions1764460000000 } from './1764460000000-DocumentVersions';
import { TaskDrafts1764470000000 } from './1764470000000-TaskDrafts';
import { EvidencePackKeys1764500000000 } from './1764500000000-EvidencePackKeys';
import { ApprovalTitles1764520000000 } from './1764520000000-ApprovalTitles';
import { SoaRecords1764530000000 } from './1764530000000-SoaRecords';

// Every migration, in order. Generate with `npm run db:generate -- <path/Name>`, read it, then list it here.
export const migrations: Function[] = [
  Identity1764288000000,
  WorkflowEngine1764290000000,
  Forms1764300000000,
  InboxApprovals1764310000000,
  Programme1764320000000,
  OpenTasksIndex1764330000000,
  AuditAppendFunction1764340000000,
  OneProgrammePerOrganisation1764350000000,
  CalendarFeed1764360000000,
  ApprovalExcludedPeople1764370000000,
  DefinitionHashNotUnique1764380000000,
  AuditChainsPerInstance1764390000000,
  DurableJobs1764400000000,
  LoginThrottle1764410000000,
  SessionIdle1764420000000,
  RegisterRecords1764430000000,
  RegisterDeclarations1764440000000,
  ApiRequestCounts1764450000000,
  DocumentVersions1764460000000,
  TaskDrafts1764470000000,
  EvidencePackKeys1764500000000,
  ApprovalTitles1764520000000,
  SoaRecords1764530000000,
];
