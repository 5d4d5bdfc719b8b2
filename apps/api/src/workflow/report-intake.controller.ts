import {
  Body,
  Controller,
  Inject,
  NotFoundException,
  Param,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { FORM_BINDING, type FormBinding } from './form-binding';
import { ProcessRuntime } from './process-runtime';
import { submissionErrors } from './use-cases/runtime-parts';
import { Task } from './task.entity';

/** What a signed-in person may raise themselves, and the definition that handles it. */
const INTAKE: Record<string, string> = { incident: 'incident', concern: 'concern' };

/**
 * Anyone who works in the AIMS may report an AI incident (A.8.4) or raise a concern (A.3.3), not
 * only those who may start processes: this starts the process with the person as its reporter and
 * returns the report task, assigned to them. External auditors (read-only) may not.
 */
@ApiTags('process instances')
@ApiCookieAuth()
@Controller('reports')
export class ReportIntakeController {
  constructor(
    private readonly runtime: ProcessRuntime,
    private readonly dataSource: DataSource,
    @Inject(FORM_BINDING) private readonly forms: FormBinding,
  ) {}

  /**
   * A concern raised without the reporter's name (A.3.3): the report is checked against the newest
   * published `concern-report` form and the process starts with no actor, so neither the instance,
   * its tasks, the concerns register nor the audit trail records who raised it. The price: nobody can
   * answer them personally, and a report that does not validate is refused whole (nothing is kept).
   */
  @Roles('admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor')
  @Post('concern/anonymous')
  async raiseAnonymously(@CurrentUser() user: Principal, @Body() body: { data?: unknown }) {
    const data = body?.data;
    const errors = await this.forms.validate(
      this.dataSource.manager,
      user.organizationId,
      'concern-report',
      null,
      data,
    );
    if (errors.length > 0)
      throw new UnprocessableEntityException({
        message: 'The concern does not match the concern form.',
        errors: submissionErrors(errors),
      });
    const report = { ...(data as Record<string, unknown>), wantsReply: false };
    const instance = await this.runtime.start(user.organizationId, null, {
      definitionKey: 'concern',
      input: { report, anonymous: true },
    });
    return { instanceId: instance.id, definitionKey: 'concern', taskId: null };
  }

  @Roles('admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor')
  @Post(':kind')
  async raise(@CurrentUser() user: Principal, @Param('kind') kind: string) {
    const definitionKey = Object.hasOwn(INTAKE, kind) ? INTAKE[kind] : undefined;
    if (!definitionKey)
      throw new NotFoundException({
        message: `Nothing to report as "${kind}"; one of: ${Object.keys(INTAKE).join(', ')}.`,
      });
    const instance = await this.runtime.start(user.organizationId, user, {
      definitionKey,
      input: { reporterId: user.userId },
    });
    const task = await this.dataSource
      .getRepository(Task)
      .findOneBy({ instanceId: instance.id, status: 'open', assigneeId: user.userId });
    return { instanceId: instance.id, definitionKey, taskId: task?.id ?? null };
  }
}
