// The single DataSource the TypeORM CLI uses (`npm run db:migrate`, `npm run db:generate`).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { dataSourceOptions } from './data-source-options';

const { databaseUrl } = loadConfig();
if (!databaseUrl) {
  throw new Error(
    'The TypeORM CLI needs DATABASE_URL; the app itself migrates the embedded database at start.',
  );
}

export default new DataSource(dataSourceOptions(databaseUrl, 'postgres'));
