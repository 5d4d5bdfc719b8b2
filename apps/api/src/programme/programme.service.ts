import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  UnprocessableEntityException,
} from '@nestjs/common';
import { builtInWorkflows, gapAnalysisItems } from '@aimsflow/workflows';
import { DataSource, Not } from 'typeorm';
import { BuiltInForms } from '../forms/built-in-forms.service';
import { Organization } from '../identity/organization.entity';
import type { Principal } from '../identity/auth/principal';
import { DEMO_ORGANIZATION } from '../identity/seed.service';
import { APP_CONFIG, type AppConfig } from '../platform/config';
import { SoaRecords } from '../registers/soa-records';
import { BuiltInWorkflows } from '../workflow/built-in-workflows.service';
import { ProcessInstance } from '../workflow/process-instance.entity';
import { ProcessRuntime } from '../workflow/process-runtime';
import { WorkflowDefinition } from '../workflow/workflow-definition.entity';
import { phaseSteps } from './programme-steps';

export const PROGRAMME_KEY = 'roadmap';
export const PROGRAMME_BUSINESS_KEY = 'programme';
const WAITING_SHOWN = 10;

export type PhaseStatus = 'not-started' | 'active' | 'done';

export interface WaitingTask {
  taskId: string;
  title: string;
  instanceId: string;
  assignee: { id: string; name: string } | null;
  candidateRole: string | null;
  dueAt: string | null;
  overdue: boolean;
}

export interface PhaseView {
  number: number;
  title: string;
  key: string;
  status: PhaseStatus;
  instanceId?: string;
  startedAt?: string;
  endedAt?: string | null;
  steps: { done: number; total: number };
  overdue: number;
  /** Open tasks of the phase and of every process it started (the first few, soonest due first). */
  waitingOn: WaitingTask[];
  waitingCount: number;
  gate: {
    status: 'not-reached' | 'pending' | 'approved' | 'rejected' | 'changes-requested' | 'cancelled';
    approvalId?: string;
  };
}

export interface ProgrammeView {
  instanceId: string | null;
  status: 'not-started' | 'active' | 'completed' | 'failed' | 'cancelled';
  startedAt?: string;
  phases: PhaseView[];
}

type MachineState = { id?: string; meta?: Record<string, any>; states?: Record<string, MachineState> };

/**
 * The organisation's one ISO/IEC 42001 programme: the `roadmap` instance and the five phase
 * processes it runs, summarised for the roadmap page from the instances, tasks and approvals.
 */
@Injectable()
export class ProgrammeService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Programme');

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: ProcessRuntime,
    private readonly builtInForms: BuiltInForms,
    private readonly builtIns: BuiltInWorkflows,
    private readonly soaRecords: SoaRecords,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Stopping the programme, or one of the processes under it, must say why (it is audited).
    runtime.requireCancelReason(async (tx, instance) => {
      const [root]: { definition_key: string; business_key: string | null }[] = await tx.query(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id, definition_key, business_key FROM process_instances WHERE id = $1
           UNION ALL
           SELECT p.id, p.parent_id, p.definition_key, p.business_key
             FROM process_instances p JOIN up ON p.id = up.parent_id)
         SELECT definition_key, business_key FROM up WHERE parent_id IS NULL`,
        [instance.id],
      );
      return root?.definition_key === PROGRAMME_KEY && root?.business_key === PROGRAMME_BUSINESS_KEY;
    });
  }

  /** `AIMSFLOW_DEMO_PROGRAMME`: start the demo organisation's programme once, so a first `npm start` has work in its inboxes. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoProgramme) return;
    const demo = await this.dataSource
      .getRepository(Organization)
      .findOneBy({ slug: DEMO_ORGANIZATION.slug });
    if (!demo) return;
    const everStarted = await this.dataSource.getRepository(ProcessInstance).existsBy({
      organizationId: demo.id,
      definitionKey: PROGRAMME_KEY,
      businessKey: PROGRAMME_BUSINESS_KEY,
    });
    if (everStarted) return;
    await this.startFor(demo.id, null, undefined);
    this.logger.log(`started the ISO/IEC 42001 programme of the demo organisation "${demo.name}"`);
  }

  async start(user: Principal, gapItems?: string[]): Promise<ProgrammeView> {
    await this.startFor(user.organizationId, user, gapItems);
    return this.view(user.organizationId);
  }

  private async startFor(
    organizationId: string,
    actor: Principal | null,
    gapItems: string[] | undefined,
  ): Promise<void> {
    const running = await this.dataSource.getRepository(ProcessInstance).findOneBy({
      organizationId,
      definitionKey: PROGRAMME_KEY,
      businessKey: PROGRAMME_BUSINESS_KEY,
      status: 'active',
    });
    if (running) {
      throw new ConflictException({
        message: 'The AIMS programme is already running.',
        instanceId: running.id,
      });
    }
    const input: Record<string, unknown> = {};
    if (gapItems) {
      const catalogue = new Map(gapAnalysisItems().map((item) => [item.id, item]));
      const unknown = gapItems.filter((id) => !catalogue.has(id));
      if (unknown.length) {
        throw new UnprocessableEntityException({
          message:
            'Gap items must be clause requirement areas (e.g. 6.1.2) or Annex A controls (e.g. A.2.2).',
          errors: unknown.map((id) => ({
            pointer: `/gapItems/${gapItems.indexOf(id)}`,
            message: `${id} is not a requirement area or control`,
          })),
        });
      }
      input.gapItems = gapItems.map((id) => catalogue.get(id));
    }
    // An organisation created after the server started has no definitions yet.
    const deployed = await this.dataSource
      .getRepository(WorkflowDefinition)
      .existsBy({ organizationId, key: PROGRAMME_KEY });
    if (!deployed) {
      await this.builtInForms.ensureBuiltIns(organizationId);
      await this.builtIns.deployTo(organizationId);
    }
    await this.soaRecords.ensure(this.dataSource.manager, organizationId);
    await this.runtime.start(organizationId, actor, {
      definitionKey: PROGRAMME_KEY,
      businessKey: PROGRAMME_BUSINESS_KEY,
      input,
    });
  }

  async view(organizationId: string): Promise<ProgrammeView> {
    const roadmap = await this.dataSource.getRepository(ProcessInstance).findOne({
      where: {
        organizationId,
        definitionKey: PROGRAMME_KEY,
        businessKey: PROGRAMME_BUSINESS_KEY,
        status: Not('cancelled'),
      },
      order: { createdAt: 'DESC' },
    });
    const roadmapMachine = roadmap
      ? (await this.definitionById(roadmap.definitionId)).machine
      : await this.latestMachine(organizationId, PROGRAMME_KEY);
    const phases = Object.values((roadmapMachine as MachineState).states ?? {})
      .filter((state) => state.meta?.phase && state.meta?.subprocess?.definitionKey)
      .map((state) => ({
        number: state.meta!.phase.number as number,
        title: state.meta!.phase.title as string,
        key: state.meta!.subprocess.definitionKey as string,
      }))
      .sort((a, b) => a.number - b.number);
    const children = roadmap
      ? await this.dataSource
          .getRepository(ProcessInstance)
          .find({ where: { organizationId, parentId: roadmap.id }, order: { createdAt: 'ASC' } })
      : [];
    const views: PhaseView[] = [];
    for (const phase of phases) {
      const child = [...children]
        .reverse()
        .find((c) => c.definitionKey === phase.key && c.status !== 'cancelled');
      views.push(await this.phaseView(organizationId, phase, child));
    }
    return {
      instanceId: roadmap?.id ?? null,
      status: roadmap?.status ?? 'not-started',
      ...(roadmap ? { startedAt: roadmap.createdAt.toISOString() } : {}),
      phases: views,
    };
  }

  private async phaseView(
    organizationId: string,
    phase: { number: number; title: string; key: string },
    child: ProcessInstance | undefined,
  ): Promise<PhaseView> {
    const machine = child
      ? (await this.definitionById(child.definitionId)).machine
      : await this.latestMachine(organizationId, phase.key);
    const steps = phaseSteps(machine as MachineState, phase.key);
    const base = {
      ...phase,
      steps: { done: 0, total: steps.length },
      overdue: 0,
      waitingOn: [],
      waitingCount: 0,
    };
    if (!child) return { ...base, status: 'not-started', gate: { status: 'not-reached' } };
    const status: PhaseStatus = child.status === 'completed' ? 'done' : 'active';
    const q = (sql: string) => this.dataSource.query(sql, [child.id]);
    const reached = new Set<string>(
      [
        ...(await q(
          `SELECT DISTINCT state_id FROM tasks WHERE instance_id = $1 AND status = 'completed' AND approval_id IS NULL`,
        )),
        ...(await q(
          `SELECT DISTINCT state_id FROM approvals WHERE instance_id = $1 AND status = 'approved'`,
        )),
        ...(await q(`SELECT DISTINCT state_id FROM child_batches WHERE parent_id = $1 AND status = 'done'`)),
      ].map((r: { state_id: string }) => r.state_id),
    );
    const done = status === 'done' ? steps.length : steps.filter((s) => reached.has(s)).length;
    const open: Array<{
      id: string;
      title: string;
      instance_id: string;
      assignee_id: string | null;
      assignee_name: string | null;
      candidate_role: string | null;
      due_at: Date | null;
      overdue: boolean;
    }> = await this.dataSource.query(
      `WITH RECURSIVE tree AS (
           SELECT id FROM process_instances WHERE id = $1 AND organization_id = $2
           UNION ALL
           SELECT p.id FROM process_instances p JOIN tree ON p.parent_id = tree.id
         )
         SELECT t.id, t.title, t.instance_id, t.assignee_id, u.name AS assignee_name, t.candidate_role, t.due_at,
                (t.due_at IS NOT NULL AND t.due_at < now()) AS overdue
           FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
          WHERE t.instance_id IN (SELECT id FROM tree) AND t.status = 'open'
          ORDER BY t.due_at ASC NULLS LAST, t.created_at ASC, t.id ASC`,
      [child.id, organizationId],
    );
    const [gate]: Array<{ id: string; status: PhaseView['gate']['status'] }> = await this.dataSource.query(
      `SELECT id, status FROM approvals WHERE instance_id = $1 AND state_id LIKE '%.gate' ORDER BY created_at DESC LIMIT 1`,
      [child.id],
    );
    return {
      ...base,
      status,
      instanceId: child.id,
      startedAt: child.createdAt.toISOString(),
      endedAt: child.endedAt ? child.endedAt.toISOString() : null,
      steps: { done, total: steps.length },
      overdue: open.filter((t) => t.overdue).length,
      waitingCount: open.length,
      waitingOn: open.slice(0, WAITING_SHOWN).map((t) => ({
        taskId: t.id,
        title: t.title,
        instanceId: t.instance_id,
        assignee: t.assignee_id ? { id: t.assignee_id, name: t.assignee_name ?? 'Unknown user' } : null,
        candidateRole: t.candidate_role,
        dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
        overdue: !!t.overdue,
      })),
      gate: gate
        ? { status: gate.status, approvalId: gate.id }
        : { status: status === 'done' ? 'approved' : 'not-reached' },
    };
  }

  private definitionById(id: string): Promise<WorkflowDefinition> {
    return this.dataSource.getRepository(WorkflowDefinition).findOneByOrFail({ id });
  }

  /** The latest deployed version, or the built-in one for an organisation that has none deployed yet. */
  private async latestMachine(organizationId: string, key: string): Promise<unknown> {
    const stored = await this.dataSource
      .getRepository(WorkflowDefinition)
      .findOne({ where: { organizationId, key }, order: { version: 'DESC' } });
    return stored?.machine ?? builtInWorkflows.find((w) => w.key === key)?.machine ?? {};
  }
}
