import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { AnyRole, CurrentUser } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { TaskDrafts } from './task-drafts.service';

export class SaveTaskDraftDto {
  @ApiProperty({ description: 'The form as typed so far (a JSON object, up to 256 KB); not validated' })
  @IsObject({ message: 'data must be a JSON object (the form as typed so far)' })
  data: Record<string, unknown>;
}

/** Your own draft of a task form: saved as you type, restored when you come back. */
@ApiTags('tasks')
@ApiCookieAuth()
@Controller('tasks/:id/draft')
export class TaskDraftsController {
  constructor(private readonly drafts: TaskDrafts) {}

  @AnyRole()
  @Get()
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.drafts.get(user, id);
  }

  // Who may save is decided per task (may this person complete it now?), so any role reaches the check.
  @AnyRole()
  @Put()
  save(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SaveTaskDraftDto,
  ) {
    return this.drafts.save(user, id, dto.data);
  }

  @AnyRole()
  @Delete()
  @HttpCode(204)
  async discard(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.drafts.discard(user, id);
  }
}
