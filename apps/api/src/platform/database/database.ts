import { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { dataSourceOptions, type DatabaseDriver } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

/** The app's open database: the TypeORM DataSource plus what it runs on. */
export class Database {
  private constructor(
    readonly dataSource: DataSource,
    readonly driver: DatabaseDriver,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  /** Connects (starting the embedded database when no URL is configured) and applies pending migrations. */
  static async open(
    config: Pick<AppConfig, 'databaseUrl' | 'dataDir'> & { inMemory?: boolean },
  ): Promise<Database> {
    let embedded: EmbeddedPostgres | undefined;
    let url = config.databaseUrl;
    const driver: DatabaseDriver = url ? 'postgres' : 'pglite';
    if (!url) {
      embedded = await EmbeddedPostgres.start(config.inMemory ? undefined : config.dataDir);
      url = embedded.url;
    }
    const dataSource = new DataSource(dataSourceOptions(url, driver));
    try {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
      throw error;
    }
    return new Database(dataSource, driver, embedded);
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}
