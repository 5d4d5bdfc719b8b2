// The single DataSource the TypeORM CLI uses (`npm run db:migrate`, `npm run db:generate`).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

if (!process.env.DATABASE_URL) {
  throw new Error(
    'The TypeORM CLI needs DATABASE_URL; the app itself migrates the embedded database at start.',
  );
}

export default new DataSource(dataSourceOptions(process.env.DATABASE_URL, 'postgres'));
