import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { AnyRole, CurrentUser } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { NotificationsService } from './notifications.service';

export class PreferencesDto {
  @ApiProperty({
    type: [String],
    description: 'Notification kinds (templates) not to email, e.g. ["task-reminder", "digest"]',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  emailOff: string[];
}

@ApiTags('notifications')
@ApiCookieAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** My latest notifications and my unread count. */
  @AnyRole()
  @Get()
  list(@CurrentUser() user: Principal) {
    return this.notifications.list(user);
  }

  @AnyRole()
  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentUser() user: Principal) {
    return this.notifications.markAllRead(user);
  }

  @AnyRole()
  @Get('preferences')
  preferences(@CurrentUser() user: Principal) {
    return this.notifications.preferences(user);
  }

  @AnyRole()
  @Put('preferences')
  setPreferences(@CurrentUser() user: Principal, @Body() dto: PreferencesDto) {
    return this.notifications.setPreferences(user, dto.emailOff);
  }

  @AnyRole()
  @Post(':id/read')
  @HttpCode(204)
  read(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.notifications.markRead(user, id);
  }
}
