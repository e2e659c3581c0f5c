import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { AppConfig } from '@dure/config';
import { DispatchErrors } from '../dispatch.errors';

export interface StoredPhoto {
  key: string;
  contentType: string;
  bytes: number;
}

/** Where proof-of-delivery photos live: local disk by default, anything with these three verbs otherwise. */
export abstract class ProofStorage {
  abstract save(orderId: string, data: Buffer, contentType: string): Promise<StoredPhoto>;
  abstract read(key: string): Promise<Buffer>;
  abstract remove(key: string): Promise<void>;
}

const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', ext: 'png', test: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/webp', ext: 'webp', test: (b) => b.length > 12 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP' },
];

/** The photo's real type from its first bytes (the declared content type is not trusted). */
export function sniffImage(data: Buffer): { type: string; ext: string } {
  const found = SIGNATURES.find((s) => s.test(data));
  if (!found) {
    throw DispatchErrors.invalid('DISPATCH.PHOTO_TYPE', 'The photo must be a JPEG, PNG or WebP image', [
      { field: 'photo', reason: 'must be JPEG, PNG or WebP' },
    ]);
  }
  return found;
}

@Injectable()
export class LocalDiskProofStorage extends ProofStorage {
  private readonly root: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    super();
    this.root = path.resolve(config.dispatch.storageDir, 'proofs');
  }

  async save(orderId: string, data: Buffer): Promise<StoredPhoto> {
    const { type, ext } = sniffImage(data);
    const key = `${orderId}/${randomUUID()}.${ext}`;
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data, { flag: 'wx' });
    return { key, contentType: type, bytes: data.length };
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.file(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  private file(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root + path.sep)) throw new Error('Invalid storage key');
    return file;
  }
}
