import { Controller, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { ProcessRuntime } from './process-runtime';
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
  ) {}

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
