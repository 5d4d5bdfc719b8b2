import { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { dataSourceOptions, type DatabaseDriver } from './data-source-options';
import { grantApplicationRole } from './application-role';
import { defaultTemplatePath, EmbeddedPostgres } from './embedded-postgres';

/** The app's open database: the TypeORM DataSource plus what it runs on. */
export class Database {
  private constructor(
    readonly dataSource: DataSource,
    readonly driver: DatabaseDriver,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  /**
   * Connects (starting the embedded database when no URL is configured) and applies pending
   * migrations. With an owner URL (PostgreSQL only) the migrations run as the owner, which then
   * grants the application role (DATABASE_URL's user) only what the running API needs.
   */
  static async open(
    config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'databaseOwnerUrl'> &
      Partial<Pick<AppConfig, 'databasePoolSize' | 'databaseTemplate'>> & { inMemory?: boolean },
  ): Promise<Database> {
    let embedded: EmbeddedPostgres | undefined;
    let url = config.databaseUrl;
    const driver: DatabaseDriver = url ? 'postgres' : 'pglite';
    if (!url) {
      embedded = await EmbeddedPostgres.start(
        config.inMemory ? undefined : config.dataDir,
        config.databaseTemplate ?? defaultTemplatePath(),
      );
      url = embedded.url;
    }
    const ownerUrl = driver === 'postgres' ? config.databaseOwnerUrl : undefined;
    if (ownerUrl) await migrateAsOwner(ownerUrl, url);
    const dataSource = new DataSource(dataSourceOptions(url, driver, config.databasePoolSize));
    try {
      await dataSource.initialize();
      if (!ownerUrl) await dataSource.runMigrations({ transaction: 'each' });
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

async function migrateAsOwner(ownerUrl: string, appUrl: string): Promise<void> {
  const owner = new DataSource(dataSourceOptions(ownerUrl, 'postgres', 1));
  await owner.initialize();
  try {
    await owner.runMigrations({ transaction: 'each' });
    const role = decodeURIComponent(new URL(appUrl).username);
    const [{ current_user: ownerRole }] = await owner.query('SELECT current_user');
    if (role && role !== ownerRole) await grantApplicationRole(owner, role);
  } finally {
    await owner.destroy();
  }
}
