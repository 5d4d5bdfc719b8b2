import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../identity/auth/decorators';
import { DATABASE_DRIVER } from '../platform/database/database.module';
import { Inject } from '@nestjs/common';
import type { DatabaseDriver } from '../platform/database/data-source-options';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_DRIVER) private readonly driver: DatabaseDriver,
  ) {}

  /** 200 when the database answers and has every migration; 503 with the reason otherwise. */
  @Public()
  @Get()
  async check() {
    try {
      await this.dataSource.query('SELECT 1');
      const pending = await this.dataSource.showMigrations();
      return {
        status: 'ok',
        database: { driver: this.driver, migrations: pending ? 'pending' : 'up-to-date' },
      };
    } catch (error) {
      throw new ServiceUnavailableException({
        error: 'Service Unavailable',
        message: `database unreachable: ${error instanceof Error ? error.message : String(error)}`,
        details: { status: 'error', database: { driver: this.driver } },
      });
    }
  }
}
