import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { SharedRequestCounts } from './auth/shared-request-counts';
import { AuthService } from './auth/auth.service';
import { GroupsService } from './groups.service';
import { AuthController, GroupsController, UsersController } from './identity.controller';
import { SeedService } from './seed.service';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule],
  controllers: [AuthController, UsersController, GroupsController],
  providers: [
    AuthService,
    UsersService,
    GroupsService,
    SeedService,
    SharedRequestCounts,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService, GroupsService, SeedService],
})
export class IdentityModule {}
