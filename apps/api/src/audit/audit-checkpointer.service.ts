import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config';
import { writeAllCheckpoints, writeCheckpoints } from './audit-checkpoints';
import { AUDIT_SIGNING_KEY, type AuditSigningKey } from './audit-signing-key';

/**
 * Seals every organisation's moved chain heads in a signed checkpoint every AUDIT_CHECKPOINT_MS.
 * Any API process may do it; an advisory lock per organisation makes them take turns.
 */
@Injectable()
export class AuditCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpointer');
  private handle?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_SIGNING_KEY) readonly key: AuditSigningKey,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.auditCheckpointMs > 0)
      this.handle = setInterval(() => void this.sealAll(), this.config.auditCheckpointMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.handle);
    await this.running?.catch(() => 0);
  }

  /** Seals one organisation now (before a verification or an export); returns checkpoints written. */
  seal(organizationId: string): Promise<number> {
    return writeCheckpoints(this.dataSource, organizationId, this.key);
  }

  sealAll(): Promise<number> {
    if (this.running) return this.running;
    this.running = writeAllCheckpoints(this.dataSource, this.key)
      .catch((error: Error) => {
        this.logger.error(`audit checkpoint failed: ${error.message}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
