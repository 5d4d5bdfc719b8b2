import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const repoRoot = path.resolve(__dirname, '../../..');

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed so far (for failure diagnostics). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  healthTimeoutMs?: number;
}

/**
 * Starts the built API (`dist/apps/api/main.js`) on a free port and waits until `/api/health`
 * answers 200. With `DATABASE_URL` set it creates a fresh database on that server (dropped on stop);
 * otherwise a throw-away embedded data folder, so every suite starts from the seeded demo organisation.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const entry = path.join(repoRoot, 'dist/apps/api/main.js');
  const webDist = path.join(repoRoot, 'dist/apps/web');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build the API first.`);
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(
      `${webDist}/index.html is missing: build the web app first (vite build -c apps/web/vite.config.ts).`,
    );
  }

  const port = await freePort();
  const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), 'aimsflow-e2e-'));
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    WEB_DIST: webDist,
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [entry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const baseUrl = `http://127.0.0.1:${port}`;
  const cleanup = async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    await waitForHealth(baseUrl, child, options.healthTimeoutMs ?? 60_000);
  } catch (error) {
    await stopProcess(child);
    await cleanup();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`, { cause: error });
  }

  return {
    baseUrl,
    output: () => output,
    async stop() {
      await stopProcess(child);
      await cleanup();
    },
  };
}

/** A new, empty database on the server of `serverUrl` (the role needs CREATEDB), and how to drop it. */
async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `aimsflow_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A TCP port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The API exited (code ${child.exitCode}, signal ${child.signalCode}) before it was healthy.`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The API was not healthy within ${timeoutMs} ms (${lastProblem}).`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
