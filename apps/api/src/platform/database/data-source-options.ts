import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export type DatabaseDriver = 'postgres' | 'pglite';

/** One set of TypeORM options for both databases: only the URL and the pool size differ. */
export function dataSourceOptions(url: string, driver: DatabaseDriver, poolSize?: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    // PGlite is a single backend: a second pooled connection would wait for ever behind an open transaction.
    // A request that cannot get a connection for 15 s fails rather than hanging for ever.
    extra: {
      max: driver === 'pglite' ? 1 : (poolSize ?? 20),
      connectionTimeoutMillis: driver === 'pglite' ? 0 : 15_000,
    },
    logging: ['error'],
  };
}
