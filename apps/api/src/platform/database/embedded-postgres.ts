import fs from 'node:fs';
import type { AddressInfo } from 'node:net';

/**
 * The zero-setup database: PGlite (PostgreSQL compiled to WASM) in a local folder, exposed on a
 * loopback port through pglite-socket so the app talks to it with the same `pg` driver and SQL
 * as to a real server. PGlite has one backend, so callers must use a pool of one connection.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: { close(): Promise<void> },
    private readonly server: { stop(): Promise<void> },
    readonly port: number,
  ) {}

  /** Opens (creating on first use) the database in `dataDir`, or in memory when it is undefined. */
  static async start(dataDir?: string): Promise<EmbeddedPostgres> {
    // Both packages are ESM-first; load them lazily so the server path never pays for them.
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir ? { dataDir } : {});
    const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
    await server.start();
    const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    return new EmbeddedPostgres(db, server, port);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
