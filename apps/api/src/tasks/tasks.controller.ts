import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { TasksService } from '../workflow/tasks.service';
import { CompleteTaskDto } from '../workflow/workflow.dto';
import { CommentDto, DelegateDto, SetDueDto, UserRefDto } from './task-actions.dto';
import { TaskActionsService } from './task-actions.service';

const WORKERS = ['admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor'] as const;

/** A task itself: read it, claim or hand it back, complete it (the engine moves on). */
@ApiTags('tasks')
@ApiCookieAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @AnyRole()
  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.tasks.get(user.organizationId, user, id);
  }

  @Roles('admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor')
  @Post(':id/claim')
  @HttpCode(200)
  claim(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.tasks.claim(user.organizationId, user, id);
  }

  @Roles('admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor')
  @Post(':id/unclaim')
  @HttpCode(200)
  unclaim(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.tasks.unclaim(user.organizationId, user, id);
  }

  @Roles('admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor')
  @Post(':id/complete')
  @HttpCode(200)
  complete(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CompleteTaskDto,
  ) {
    return this.tasks.complete(user.organizationId, user, id, dto.data);
  }
}

/** Work around a task: who does it and by when, and the comments on it. */
@ApiTags('tasks')
@ApiCookieAuth()
@Controller('tasks')
export class TaskActionsController {
  constructor(private readonly actions: TaskActionsService) {}

  @Roles('admin', 'aims-manager')
  @Post(':id/assign')
  @HttpCode(200)
  assign(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UserRefDto) {
    return this.actions.assign(user, id, dto.userId);
  }

  @Roles(...WORKERS)
  @Post(':id/delegate')
  @HttpCode(200)
  delegate(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DelegateDto) {
    return this.actions.delegate(user, id, dto.userId ?? null);
  }

  @Roles('admin', 'aims-manager')
  @Put(':id/due')
  setDue(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetDueDto) {
    return this.actions.setDue(user, id, dto.dueAt ?? null);
  }

  @AnyRole()
  @ApiOkResponse({ description: '{items: [{id, taskId, authorId, authorName, body, createdAt}]}' })
  @Get(':id/comments')
  comments(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.actions.comments(user, id);
  }

  @Roles(...WORKERS)
  @Post(':id/comments')
  addComment(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CommentDto,
  ) {
    return this.actions.addComment(user, id, dto.body);
  }
}
