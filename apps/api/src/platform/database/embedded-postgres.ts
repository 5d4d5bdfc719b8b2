import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The migrated empty database that `npm run build:api` packs (tools/build/make-db-template.js); a
 * new data folder starts from it instead of initdb. Found beside the build (AIMSFLOW_DB_TEMPLATE,
 * read by the config, names another).
 */
export function defaultTemplatePath(): string | undefined {
  const root = path.resolve(__dirname.split(`${path.sep}apps${path.sep}api${path.sep}src`)[0]);
  for (const candidate of [
    path.join(root, 'pglite-template.tar.gz'),
    path.join(root, 'dist/apps/api/pglite-template.tar.gz'),
  ]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Runs in a worker thread: PGlite executes queries synchronously in WASM, so keeping it off the
 * main thread leaves the HTTP event loop free; it also keeps PGlite's own dynamic imports out of
 * module sandboxes such as jest's.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
const { PGLiteSocketServer } = require(workerData.socketPath);
const fs = require('node:fs');
(async () => {
  const fresh = !workerData.dataDir || !fs.existsSync(workerData.dataDir + '/PG_VERSION');
  const template = fresh && workerData.templatePath && fs.existsSync(workerData.templatePath)
    ? new Blob([fs.readFileSync(workerData.templatePath)])
    : undefined;
  const db = await PGlite.create({
    ...(workerData.dataDir ? { dataDir: workerData.dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
  });
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await server.start();
  parentPort.postMessage({ port: server.server.address().port });
  parentPort.on('message', async (msg) => {
    if (msg !== 'stop') return;
    await server.stop();
    await db.close();
    parentPort.postMessage({ stopped: true });
  });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

/**
 * The zero-setup database: PGlite (PostgreSQL compiled to WASM) in a local folder, exposed on a
 * loopback port through pglite-socket so the app talks to it with the same `pg` driver and SQL
 * as to a real server. PGlite has one backend, so callers must use a pool of one connection.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly worker: Worker,
    readonly port: number,
  ) {}

  /** Opens (creating on first use) the database in `dataDir`, or in memory when it is undefined. */
  static async start(dataDir?: string, templatePath?: string): Promise<EmbeddedPostgres> {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        dataDir,
        pglitePath: require.resolve('@electric-sql/pglite'),
        socketPath: require.resolve('@electric-sql/pglite-socket'),
        templatePath,
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('message', (msg: { port?: number; error?: string }) =>
        msg.port ? resolve(msg.port) : reject(new Error(`embedded PostgreSQL failed to start: ${msg.error}`)),
      );
      worker.once('error', reject);
    });
    return new EmbeddedPostgres(worker, port);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Closes PGlite cleanly (flushing its data folder), then ends the thread. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      this.worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage('stop');
    });
    await this.worker.terminate();
  }
}
