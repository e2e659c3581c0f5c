import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ActionContext, Clock } from '@dure/common';
import { TransactionRunner, Tx } from '@dure/database';
import type { ApiKeyOwnerType } from '../entities/party.entity';
import { MembershipErrors } from '../membership.errors';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { ApiKeyRepository } from './api-key.repository';

export interface IssuedApiKey {
  apiKeyId: string;
  /** Shown once; only its hash is stored. */
  apiKey: string;
}

export interface ApiKeyOwner {
  ownerType: ApiKeyOwnerType;
  ownerId: string;
  apiKeyId: string;
}

const KEY_FORMAT = /^dure_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/**
 * API keys for insurers and business clients: 256 random bits, shown once, stored as a
 * SHA-256 (a memory-hard hash adds nothing for a random secret of this size and would make
 * every machine request pay for it). The 12-hex prefix finds the row.
 */
@Injectable()
export class ApiKeyService {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async issue(tx: Tx, ownerType: ApiKeyOwnerType, ownerId: string, id: string = randomUUID()): Promise<IssuedApiKey> {
    const prefix = randomBytes(6).toString('hex');
    const apiKey = `dure_${prefix}_${randomBytes(32).toString('base64url')}`;
    await this.keys.insert(tx, { id, ownerType, ownerId, prefix, secretHash: hashKey(apiKey).toString('hex') });
    return { apiKeyId: id, apiKey };
  }

  /** Replaces the active key (named by its id or its owner's id); the old one stops working at once. */
  async rotate(id: string, ctx: ActionContext): Promise<IssuedApiKey & { ownerType: ApiKeyOwnerType; ownerId: string }> {
    return this.tx.run(async (tx) => {
      const current = await this.keys.lockActive(tx, id);
      if (!current) throw MembershipErrors.apiKeyNotFound(id);
      const now = this.clock.now();
      const nextId = randomUUID();
      await this.keys.revoke(tx, current.id, nextId, now);
      const issued = await this.issue(tx, current.ownerType, current.ownerId, nextId);
      await this.audit.record(tx, ctx, now, {
        action: 'api-key.rotate',
        targetType: current.ownerType,
        targetId: current.ownerId,
        details: { oldKeyId: current.id, newKeyId: issued.apiKeyId },
      });
      return { ...issued, ownerType: current.ownerType, ownerId: current.ownerId };
    });
  }

  async authenticate(raw: string): Promise<ApiKeyOwner | null> {
    const m = KEY_FORMAT.exec(raw.trim());
    if (!m) return null;
    const key = await this.keys.findActiveByPrefix(m[1]);
    if (!key) return null;
    const expected = Buffer.from(key.secretHash, 'hex');
    const actual = hashKey(raw.trim());
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    // Last use is recorded at most once a minute per key and process, not on every request.
    const now = this.clock.now();
    if ((this.touched.get(key.id) ?? 0) < now.getTime() - 60_000) {
      this.touched.set(key.id, now.getTime());
      void this.keys.touch(key.id, now).catch(() => undefined);
    }
    return { ownerType: key.ownerType, ownerId: key.ownerId, apiKeyId: key.id };
  }
}
