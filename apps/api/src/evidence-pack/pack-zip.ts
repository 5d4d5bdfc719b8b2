import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** One file of the pack as the manifest lists it. */
export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export type PackContent = string | Uint8Array | AsyncIterable<string | Uint8Array>;

/** Pieces pushed into an entry at a time: a 10 MB evidence file is never copied whole into the zip's buffers. */
const CHUNK = 64 * 1024;
/** Already compressed: stored as they are, deflating them again costs time and saves nothing. */
const STORED = /\.(pdf|png|jpe?g|docx|xlsx|zip|gz)$/i;

export interface PackEntryWriter {
  write(content: string | Uint8Array): Promise<void>;
  end(): Promise<ManifestFile>;
}

/** The client went away: building stops at the next file. */
export class PackAborted extends Error {}

/**
 * Writes a zip to `out` while it is built (fflate's streaming `Zip`): every entry is deflated (or
 * stored) and written as it is added, hashing its bytes on the way for the manifest. Waits for
 * `out` to drain, so a slow client slows the build instead of filling memory.
 */
export class PackZip {
  readonly files: ManifestFile[] = [];
  private readonly zip: Zip;
  private failure: Error | null = null;
  private ended: Promise<void>;

  constructor(private readonly out: Writable) {
    let resolveEnd!: () => void;
    this.ended = new Promise((resolve) => (resolveEnd = resolve));
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.failure = error;
        return;
      }
      if (!out.destroyed) out.write(chunk);
      if (final) resolveEnd();
    });
  }

  /** Adds a file, listed in the manifest with the SHA-256 and size of its bytes. */
  async add(path: string, content: PackContent): Promise<ManifestFile> {
    const file = await this.entry(path, content);
    this.files.push(file);
    return file;
  }

  /** A file written piece by piece and then listed. */
  async stream(
    path: string,
    fill: (write: (content: string | Uint8Array) => Promise<void>) => Promise<void>,
  ) {
    const writer = this.open(path);
    await fill(writer.write);
    const file = await writer.end();
    this.files.push(file);
    return file;
  }

  /** Adds a file the manifest does not list (the manifest itself, its signature). */
  async addUnlisted(path: string, content: PackContent): Promise<void> {
    await this.entry(path, content);
  }

  async finish(): Promise<void> {
    this.zip.end();
    await this.ended;
    this.check();
  }

  /** Opens a listed file to write piece by piece (the audit trail, line by line); `end` closes it. */
  open(path: string): PackEntryWriter {
    this.check();
    const entry = STORED.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    entry.mtime = new Date();
    this.zip.add(entry);
    const hash = createHash('sha256');
    let size = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const push = async (bytes: Uint8Array) => {
      for (let at = 0; at < bytes.length; at += CHUNK) {
        const piece = bytes.subarray(at, at + CHUNK);
        hash.update(piece);
        size += piece.length;
        entry.push(piece);
        await this.drained();
      }
    };
    // Small writes (a line each) are gathered into chunks before they reach the deflater.
    const flush = async () => {
      if (pendingBytes === 0) return;
      const joined = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      await push(joined);
    };
    return {
      write: async (content) => {
        const bytes = toBytes(content);
        if (bytes.length >= CHUNK) {
          await flush();
          return push(bytes);
        }
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= CHUNK) await flush();
      },
      end: async () => {
        await flush();
        entry.push(new Uint8Array(0), true);
        await this.drained();
        const file = { path, sha256: hash.digest('hex'), size };
        return file;
      },
    };
  }

  private async entry(path: string, content: PackContent): Promise<ManifestFile> {
    const writer = this.open(path);
    if (typeof content === 'string' || content instanceof Uint8Array) await writer.write(content);
    else for await (const part of content) await writer.write(part);
    return writer.end();
  }

  private async drained(): Promise<void> {
    this.check();
    if (this.out.writableNeedDrain) await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.out.destroyed) throw new PackAborted('The download was cancelled.');
  }
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}
