// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import 'reflect-metadata';
import { loadConfig } from './platform/config';
import { Database } from './platform/database/database';

Database.open(loadConfig())
  .then(async (db) => {
    const applied = await db.dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    console.log(`migrations up to date on ${db.driver}: ${applied.length} applied`);
    await db.close();
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
