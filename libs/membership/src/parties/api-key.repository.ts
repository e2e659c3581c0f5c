import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@dure/database';
import { ApiKey, ApiKeyOwnerType } from '../entities/party.entity';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(ApiKey);
  }

  async insert(tx: Tx, key: Pick<ApiKey, 'id' | 'ownerType' | 'ownerId' | 'prefix' | 'secretHash'>): Promise<void> {
    await this.repo(tx).insert(key);
  }

  findActiveByPrefix(prefix: string): Promise<ApiKey | null> {
    return this.repo()
      .createQueryBuilder('k')
      .where('k.prefix = :prefix AND k.revoked_at IS NULL', { prefix })
      .getOne();
  }

  /** The active key with this id, or the active key of the insurer or client with this id. */
  async lockActive(tx: Tx, id: string): Promise<ApiKey | null> {
    return this.repo(tx)
      .createQueryBuilder('k')
      .setLock('pessimistic_write')
      .where('(k.id = :id OR k.owner_id = :id) AND k.revoked_at IS NULL', { id })
      .getOne();
  }

  findActiveForOwner(ownerType: ApiKeyOwnerType, ownerId: string): Promise<ApiKey | null> {
    return this.repo()
      .createQueryBuilder('k')
      .where('k.owner_type = :ownerType AND k.owner_id = :ownerId AND k.revoked_at IS NULL', { ownerType, ownerId })
      .getOne();
  }

  async revoke(tx: Tx, id: string, replacedBy: string, at: Date): Promise<void> {
    await this.repo(tx).update({ id }, { revokedAt: at, replacedBy });
  }

  /** Records use at most once a minute per key, so authentication stays a read. */
  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_key SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, at],
    );
  }
}
