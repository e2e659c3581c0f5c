import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, ReadStream } from 'node:fs';
import { link, mkdir, open, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import * as path from 'node:path';
import { AppConfig } from '@dure/config';

/** A file being written: text goes in as it is produced, the digest is taken on the way. */
export interface FileDraft {
  write(text: string): Promise<void>;
  /**
   * Flushes, syncs and publishes the file under its key; returns its SHA-256 and size. If
   * the key was published meanwhile (a concurrent build), that file stands and is described.
   */
  publish(): Promise<{ sha256: string; byteSize: number }>;
  discard(): Promise<void>;
}

/**
 * Where batch files live once built: local disk under the storage directory (shared by
 * api and worker on one machine). A file is written under a temporary name and linked
 * into place when complete, so a reader never sees half a file, and a published key is
 * never written again.
 */
@Injectable()
export class BatchFileStore {
  private readonly root: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.root = path.resolve(config.dispatch.storageDir, 'insurance-batches');
  }

  async draft(key: string): Promise<FileDraft> {
    const file = this.file(key);
    const temp = `${file}.${randomUUID()}.partial`;
    await mkdir(path.dirname(file), { recursive: true });
    const out = createWriteStream(temp, { flags: 'w' });
    await once(out, 'open');
    const hash = createHash('sha256');
    let byteSize = 0;
    return {
      async write(text: string): Promise<void> {
        const chunk = Buffer.from(text, 'utf8');
        hash.update(chunk);
        byteSize += chunk.length;
        if (!out.write(chunk)) await once(out, 'drain');
      },
      async publish() {
        out.end();
        await once(out, 'finish');
        const handle = await open(temp, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        try {
          // A hard link, not a rename: it never replaces a published file.
          await link(temp, file);
          return { sha256: hash.digest('hex'), byteSize };
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          return describe(file);
        } finally {
          await rm(temp, { force: true });
        }
      },
      async discard() {
        out.destroy();
        await rm(temp, { force: true });
      },
    };
  }

  read(key: string): ReadStream {
    return createReadStream(this.file(key));
  }

  private file(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root + path.sep)) throw new Error('Invalid storage key');
    return file;
  }
}

async function describe(file: string): Promise<{ sha256: string; byteSize: number }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), byteSize: (await stat(file)).size };
}
