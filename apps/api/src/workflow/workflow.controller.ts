import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { DefinitionsService } from './definitions.service';
import { InstancesService } from './instances.service';
import { ProcessRuntime } from './process-runtime';
import {
  CancelInstanceDto,
  DeployDefinitionDto,
  ListInstancesQuery,
  MigrateInstanceDto,
  SendEventDto,
  StartInstanceDto,
  UpdateSettingsDto,
} from './workflow.dto';

const READERS = [
  'admin',
  'aims-manager',
  'top-management',
  'internal-auditor',
  'external-auditor',
  'contributor',
] as const;

@ApiTags('workflow definitions')
@ApiCookieAuth()
@Controller('workflow-definitions')
export class DefinitionsController {
  constructor(
    private readonly definitions: DefinitionsService,
    private readonly runtime: ProcessRuntime,
  ) {}

  /** Deploying a definition (its machine and settings, such as approval levels) is admin only. */
  @Roles('admin')
  @Post()
  deploy(@CurrentUser() user: Principal, @Body() dto: DeployDefinitionDto) {
    return this.definitions.deploy(user.organizationId, user.userId, dto);
  }

  @Roles(...READERS)
  @Get()
  list(@CurrentUser() user: Principal) {
    return this.definitions.list(user.organizationId);
  }

  @Roles(...READERS)
  @Get(':key/versions/:version')
  get(
    @CurrentUser() user: Principal,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.definitions.get(user.organizationId, key, version);
  }

  @Roles('admin', 'aims-manager')
  @Get(':key/settings')
  getSettings(@CurrentUser() user: Principal, @Param('key') key: string) {
    return this.definitions.getSettings(user.organizationId, key);
  }

  /** Publishes the latest machine with these settings as a new version (no-op when unchanged). */
  @Roles('admin')
  @Put(':key/settings')
  updateSettings(@CurrentUser() user: Principal, @Param('key') key: string, @Body() dto: UpdateSettingsDto) {
    return this.definitions.updateSettings(user.organizationId, user.userId, key, dto.settings);
  }

  /** Batch migration: every active instance of this version moves to `toVersion`. */
  @Roles('admin')
  @Post(':key/versions/:version/migrate')
  @HttpCode(200)
  migrateAll(
    @CurrentUser() user: Principal,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() dto: MigrateInstanceDto,
  ) {
    return this.runtime.migrateAll(user.organizationId, user, key, version, dto.toVersion, dto.stateMapping);
  }
}

@ApiTags('process instances')
@ApiCookieAuth()
@Controller('process-instances')
export class InstancesController {
  constructor(
    private readonly runtime: ProcessRuntime,
    private readonly instances: InstancesService,
  ) {}

  @Roles('admin', 'aims-manager')
  @Post()
  async start(@CurrentUser() user: Principal, @Body() dto: StartInstanceDto) {
    const instance = await this.runtime.start(user.organizationId, user, dto);
    return this.instances.get(user.organizationId, instance.id);
  }

  @Roles(...READERS)
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: ListInstancesQuery) {
    return this.instances.list(user.organizationId, query);
  }

  @Roles(...READERS)
  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.instances.getFor(user, id);
  }

  @Roles(...READERS)
  @Get(':id/history')
  history(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.instances.historyFor(user, id);
  }

  @Roles('admin', 'aims-manager')
  @Post(':id/events')
  @HttpCode(200)
  async send(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SendEventDto,
  ) {
    await this.runtime.send(user.organizationId, user, id, {
      type: dto.type,
      ...(dto.data ? { data: dto.data } : {}),
    });
    return this.instances.get(user.organizationId, id, user);
  }

  @Roles('admin', 'aims-manager')
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CancelInstanceDto,
  ) {
    await this.runtime.cancel(user.organizationId, user, id, dto.reason);
    return this.instances.get(user.organizationId, id, user);
  }

  @Roles('admin')
  @Post(':id/migrate')
  @HttpCode(200)
  async migrate(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MigrateInstanceDto,
  ) {
    await this.runtime.migrate(user.organizationId, user, id, dto.toVersion, dto.stateMapping);
    return this.instances.get(user.organizationId, id, user);
  }
}
