// Build step: a migrated, empty embedded database, packed as a tarball. The first `npm start` (and
// every in-memory test database) unpacks it instead of running initdb and every migration: ~1 s
// instead of ~5 s. A stale template is harmless: pending migrations still run at start.
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '../../dist/apps/api');
const out = path.join(dist, 'pglite-template.tar.gz');

async function main() {
  const started = Date.now();
  require('reflect-metadata');
  const { PGlite } = require('@electric-sql/pglite');
  const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(
    path.join(dist, 'apps/api/src/platform/database/data-source-options.js'),
  );

  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await server.start();
  const url = `postgres://postgres@127.0.0.1:${server.server.address().port}/postgres`;
  const dataSource = new DataSource(dataSourceOptions(url, 'pglite'));
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  await server.stop();
  const blob = await db.dumpDataDir('gzip');
  fs.writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  console.log(
    `embedded database template: ${applied.length} migrations, ${fs.statSync(out).size} bytes, ${Date.now() - started} ms`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
