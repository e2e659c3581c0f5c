import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../sql';

export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'replay'; statusCode: number; body: unknown }
  | { state: 'mismatch' }
  | { state: 'in_progress' };

interface Row {
  request_hash: string;
  status: 'in_progress' | 'done';
  response_status: number | null;
  response_body: unknown;
  expired: boolean;
}

/**
 * Remembers the first response to each `Idempotency-Key` so a retried request gets the
 * same answer instead of a second effect.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async claim(scope: string, key: string, requestHash: string, ttlSec: number): Promise<IdempotencyClaim> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_record (scope, key, request_hash, status, expires_at)
         VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4))
         ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
        [scope, key, requestHash, ttlSec],
      );
      if (inserted.length === 1) return { state: 'claimed' };
      const rows: Row[] = await this.dataSource.query(
        `SELECT request_hash, status, response_status, response_body, expires_at < now() AS expired
           FROM idempotency_record WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      const row = rows[0];
      if (!row) continue; // released between our insert and select: try again
      if (row.expired) {
        await this.dataSource.query(
          `DELETE FROM idempotency_record WHERE scope = $1 AND key = $2 AND expires_at < now()`,
          [scope, key],
        );
        continue;
      }
      if (row.request_hash !== requestHash) return { state: 'mismatch' };
      if (row.status === 'in_progress') return { state: 'in_progress' };
      return { state: 'replay', statusCode: row.response_status ?? 200, body: row.response_body };
    }
    return { state: 'in_progress' };
  }

  async complete(scope: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_record SET status = 'done', response_status = $3, response_body = $4
        WHERE scope = $1 AND key = $2`,
      [scope, key, statusCode, JSON.stringify(body ?? null)],
    );
  }

  /** Forgets a claim whose request failed on our side, so the client may retry. */
  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_record WHERE scope = $1 AND key = $2`, [scope, key]);
  }

  async purgeExpired(): Promise<number> {
    const rows = await sqlRows(this.dataSource.manager, `DELETE FROM idempotency_record WHERE expires_at < now() RETURNING 1`);
    return rows.length;
  }
}
