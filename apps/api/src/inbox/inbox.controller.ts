import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  MessageEvent,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Sse,
} from '@nestjs/common';
import { ApiCookieAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  EMPTY,
  endWith,
  filter,
  ignoreElements,
  interval,
  map,
  merge,
  takeUntil,
  type Observable,
} from 'rxjs';
import { AnyRole, CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { APP_CONFIG, type AppConfig } from '../platform/config';
import { TaskEvents } from '../workflow/task-events.service';
import { InboxQueryDto, SaveViewDto } from './inbox.dto';
import { InboxService } from './inbox.service';

const WORKERS = ['admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor'] as const;

@ApiTags('inbox')
@ApiCookieAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly events: TaskEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Without `filter`: mine and available together. */
  @AnyRole()
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: InboxQueryDto) {
    return this.inbox.list(user, query);
  }

  /**
   * Server-Sent Events: `task` events `{id, change}` for the caller's organisation; refetch on each.
   * A `: ping` comment every SSE_HEARTBEAT_MS (25 s) keeps proxies from closing an idle stream.
   */
  @AnyRole()
  @ApiProduces('text/event-stream')
  @Sse('events')
  events$(@CurrentUser() user: Principal): Observable<MessageEvent> {
    const every = this.config.sseHeartbeatMs;
    return merge(
      this.events.changes.pipe(
        filter((c) => c.organizationId === user.organizationId),
        map((c): MessageEvent => ({ type: 'task', data: { id: c.id, change: c.change } })),
      ),
      every > 0
        ? interval(every).pipe(
            map((): MessageEvent => ({ comment: 'ping' })),
            // The stream ends when the changes do (shutdown).
            takeUntil(this.events.changes.pipe(ignoreElements(), endWith(true))),
          )
        : EMPTY,
    );
  }

  /** `{items: [{id, name, email}]}`: active people of the organisation, to delegate a task to. */
  @Roles(...WORKERS)
  @Get('people')
  people(@CurrentUser() user: Principal) {
    return this.inbox.people(user);
  }

  @AnyRole()
  @Get('views')
  views(@CurrentUser() user: Principal) {
    return this.inbox.views(user);
  }

  @AnyRole()
  @Post('views')
  saveView(@CurrentUser() user: Principal, @Body() dto: SaveViewDto) {
    return this.inbox.saveView(user, dto);
  }

  @AnyRole()
  @Delete('views/:id')
  @HttpCode(204)
  deleteView(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.inbox.deleteView(user, id);
  }
}
