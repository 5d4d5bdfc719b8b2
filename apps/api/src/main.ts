import cluster from 'node:cluster';
import { createApp } from './app.factory';
import { DEMO_PASSWORD, DEMO_USERS } from './identity/seed.service';
import { ConfigError, loadConfig, type AppConfig } from './platform/config';

/**
 * Starts the server. With API_WORKERS > 1 on a PostgreSQL server, a primary process migrates, seeds
 * and deploys the built-ins once, then forks that many workers sharing the port (the engine is
 * multi-process safe there); the embedded database has one connection, so it always runs one process.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const workers = config.databaseUrl ? config.apiWorkers : 1;
  if (workers > 1 && cluster.isPrimary) return startPrimary(config, workers, started);

  const { app, database } = await createApp(config);
  await app.listen(config.port);
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  if (cluster.isWorker) return;

  const where =
    database.driver === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server';
  console.log(
    `\nAimsflow is running at http://localhost:${config.port} (${where}), ready in ${Date.now() - started} ms`,
  );
  printWelcome(config.port, config.seedDemo);
}

async function startPrimary(config: AppConfig, workers: number, started: number): Promise<void> {
  // One-time work (migrations, seed, built-in forms and workflows) before any worker serves.
  const { app, database } = await createApp(config);
  await app.init();
  await app.close();
  await database.close();
  let ready = 0;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('listening', () => {
    if (++ready === workers) {
      console.log(
        `\nAimsflow is running at http://localhost:${config.port} (PostgreSQL server, ${workers} workers), ready in ${Date.now() - started} ms`,
      );
      printWelcome(config.port, config.seedDemo);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (signal !== 'SIGTERM' && signal !== 'SIGINT' && code !== 0) {
      console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      cluster.fork();
    }
  });
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function printWelcome(port: number, seedDemo: boolean): void {
  console.log(`API docs: http://localhost:${port}/api/docs`);
  if (seedDemo) {
    console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(24)} ${u.roles.join(', ')}`);
  }
}

main().catch((error) => {
  // A bad configuration is the operator's to fix: one line naming the variables, no stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
