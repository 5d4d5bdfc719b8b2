import { createApp } from './app.factory';
import { DEMO_PASSWORD, DEMO_USERS } from './identity/seed.service';
import { loadConfig } from './platform/config';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const { app, database } = await createApp(config);
  await app.listen(config.port);
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);

  const where =
    database.driver === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server';
  console.log(
    `\nAimsflow is running at http://localhost:${config.port} (${where}), ready in ${Date.now() - started} ms`,
  );
  console.log(`API docs: http://localhost:${config.port}/api/docs`);
  if (config.seedDemo) {
    console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(24)} ${u.roles.join(', ')}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
