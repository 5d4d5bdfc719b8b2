import { Controller, Get, Inject, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../identity/auth/decorators';
import { DATABASE_DRIVER } from '../platform/database/database.module';
import type { DatabaseDriver } from '../platform/database/data-source-options';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_DRIVER) private readonly driver: DatabaseDriver,
  ) {}

  /** 200 when the database answers and has every migration; 503 (with Retry-After) otherwise. */
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
      // The cause goes to the log only: the answer is public and must not reveal the server's address.
      this.logger.warn(`database unreachable: ${error instanceof Error ? error.message : String(error)}`);
      throw new ServiceUnavailableException({
        message: 'database unreachable',
        database: { driver: this.driver },
      });
    }
  }
}
