import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, sqlRows } from '@dure/database';
import { RefreshToken, SubjectType } from '../entities/refresh-token.entity';

@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx | undefined, token: Omit<RefreshToken, 'createdAt' | 'revokedAt' | 'revokedReason' | 'replacedBy'>): Promise<void> {
    await (tx ?? this.dataSource.manager).getRepository(RefreshToken).insert(token);
  }

  /**
   * Marks a live token used and returns it; exactly one of any number of concurrent
   * callers gets the row. Null when the token is unknown, expired or already used.
   */
  async consume(tx: Tx, tokenHash: string, replacedBy: string, at: Date): Promise<RefreshToken | null> {
    const rows = await sqlRows<Record<string, unknown>>(
      tx,
      `UPDATE refresh_token SET revoked_at = $3, revoked_reason = 'rotated', replaced_by = $2
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $3
        RETURNING id, family_id, subject_type, subject_id`,
      [tokenHash, replacedBy, at],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      id: r.id as string,
      familyId: r.family_id as string,
      subjectType: r.subject_type as SubjectType,
      subjectId: r.subject_id as string,
    } as RefreshToken;
  }

  findByHash(tokenHash: string, tx?: Tx): Promise<RefreshToken | null> {
    return (tx ?? this.dataSource.manager).getRepository(RefreshToken).findOneBy({ tokenHash });
  }

  async revokeFamily(tx: Tx | undefined, familyId: string, reason: string): Promise<void> {
    await (tx ?? this.dataSource.manager).query(
      `UPDATE refresh_token SET revoked_at = now(), revoked_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, reason],
    );
  }

  async revokeSubject(tx: Tx, subjectType: SubjectType, subjectId: string, reason: string): Promise<void> {
    await tx.query(
      `UPDATE refresh_token SET revoked_at = now(), revoked_reason = $3
        WHERE subject_type = $1 AND subject_id = $2 AND revoked_at IS NULL`,
      [subjectType, subjectId, reason],
    );
  }

  /** Drops tokens that expired more than `graceDays` ago (kept a while to recognise reuse). */
  async purgeExpired(graceDays: number): Promise<number> {
    const rows = await sqlRows(
      this.dataSource.manager,
      `DELETE FROM refresh_token WHERE expires_at < now() - make_interval(days => $1) RETURNING 1`,
      [graceDays],
    );
    return rows.length;
  }
}
