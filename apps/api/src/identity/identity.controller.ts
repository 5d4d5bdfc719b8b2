import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../platform/config';
import { sessionCookieOf, sessionToken } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { AllowWithTemporaryPassword, AnyRole, CurrentUser, Public, Roles } from './auth/decorators';
import type { Principal } from './auth/principal';
import { GroupsService } from './groups.service';
import {
  ChangePasswordDto,
  CreateGroupDto,
  CreateUserDto,
  ListUsersQuery,
  LoginDto,
  SetMembersDto,
  UpdateUserDto,
} from './identity.dto';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The session cookie's attributes; clearing it needs the same ones (a `__Host-` cookie must stay Secure). */
  private cookieOptions() {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.config.secureCookies, path: '/' };
  }

  /** Needs the CSRF header like every cookie write (platform/http/csrf.ts), though no cookie exists yet. */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { token, userId } = await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
    const principal = (await this.auth.resolve(token))!;
    res.cookie(sessionCookieOf(req), token, this.cookieOptions());
    return { user: await this.users.me(principal.organizationId, userId, principal.passwordChangeRequired) };
  }

  /** For API clients: the same check, answering a bearer token instead of setting a cookie. */
  @Public()
  @Post('token')
  @HttpCode(200)
  async token(@Body() dto: LoginDto, @Req() req: Request) {
    const { token } = await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
    const principal = (await this.auth.resolve(token))!;
    return { token, tokenType: 'Bearer', passwordChangeRequired: !!principal.passwordChangeRequired };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = sessionToken(req);
    if (token) await this.auth.logout(token);
    res.clearCookie(sessionCookieOf(req), this.cookieOptions());
  }

  @AnyRole()
  @AllowWithTemporaryPassword()
  @ApiCookieAuth()
  @Get('me')
  async me(@CurrentUser() user: Principal) {
    return { user: await this.users.me(user.organizationId, user.userId, user.passwordChangeRequired) };
  }

  /**
   * The signed-in user changes their own password (also the way out of a temporary one). Every
   * other session of the user ends; this one stays.
   */
  @AnyRole()
  @AllowWithTemporaryPassword()
  @ApiCookieAuth()
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: Principal, @Body() dto: ChangePasswordDto, @Req() req: Request) {
    await this.auth.changePassword(user, dto.currentPassword, dto.newPassword, req.ip ?? 'unknown');
  }
}

@ApiTags('users')
@ApiCookieAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin', 'aims-manager')
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: ListUsersQuery) {
    return this.users.list(user.organizationId, query);
  }

  @Roles('admin', 'aims-manager')
  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(user.organizationId, id);
  }

  @Roles('admin')
  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(user.organizationId, user.userId, dto);
  }

  @Roles('admin')
  @Patch(':id')
  update(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(user.organizationId, user.userId, id, dto);
  }
}

@ApiTags('groups')
@ApiCookieAuth()
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Roles('admin', 'aims-manager')
  @Get()
  list(@CurrentUser() user: Principal) {
    return this.groups.list(user.organizationId);
  }

  @Roles('admin')
  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateGroupDto) {
    return this.groups.create(user.organizationId, user.userId, dto);
  }

  @Roles('admin')
  @Put(':id/members')
  setMembers(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetMembersDto,
  ) {
    return this.groups.setMembers(user.organizationId, user.userId, id, dto.userIds);
  }
}
