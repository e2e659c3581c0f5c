import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppConfig, DataKey } from '@dure/config';

export interface Sealed {
  ciphertext: string;
  keyId: string;
}

/**
 * AES-256-GCM for personal data at rest. The ciphertext is bound to its row and field
 * (additional authenticated data), so one member's RRN cannot be pasted into another row.
 * Stored as `v1.<iv>.<tag>.<data>` (base64url) with the key id in its own column.
 */
@Injectable()
export class PiiCipher {
  private readonly active: DataKey;
  private readonly keys: Map<string, Buffer>;
  private readonly hashKey: Buffer;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.active = config.pii.activeKey;
    this.keys = new Map(config.pii.keys.map((k) => [k.id, k.key]));
    this.hashKey = config.pii.hashKey;
  }

  seal(value: string, context: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return {
      ciphertext: ['v1', iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.'),
      keyId: this.active.id,
    };
  }

  open(sealed: Sealed, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`PII key ${sealed.keyId} is not configured`);
    const [version, iv, tag, data] = sealed.ciphertext.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown PII ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for equality checks (duplicate RRNs) without storing the value. */
  keyedHash(value: string, purpose: string): string {
    return createHmac('sha256', this.hashKey).update(`${purpose}:${value}`).digest('hex');
  }
}

/** The AAD context of a member's encrypted field. */
export function memberFieldContext(memberId: string, field: 'rrn' | 'bankAccount'): string {
  return `member:${memberId}:${field}`;
}
