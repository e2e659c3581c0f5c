import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, isUniqueViolation, sqlRows } from '@dure/database';
import { BillingErrors } from '../billing.errors';

export interface FeePolicy {
  id: string;
  rateBps: number;
  /** Business date (Asia/Seoul) from which it applies. */
  effectiveFrom: string;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

interface Row {
  id: string;
  rate_bps: number;
  effective_from: string;
  note: string | null;
  created_by: string;
  created_at: Date;
}

const toPolicy = (r: Row): FeePolicy => ({ id: r.id, rateBps: r.rate_bps, effectiveFrom: r.effective_from, note: r.note, createdBy: r.created_by, createdAt: r.created_at });

@Injectable()
export class FeePolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(tx?: Tx): Promise<FeePolicy[]> {
    const rows = await sqlRows<Row>(
      tx ?? this.dataSource.manager,
      `SELECT id, rate_bps, effective_from::text AS effective_from, note, created_by, created_at FROM fee_policy ORDER BY effective_from`,
    );
    return rows.map(toPolicy);
  }

  async insert(tx: Tx, p: { rateBps: number; effectiveFrom: string; note?: string; createdBy: string }): Promise<FeePolicy> {
    try {
      const rows = await sqlRows<Row>(
        tx,
        `INSERT INTO fee_policy (rate_bps, effective_from, note, created_by) VALUES ($1, $2, $3, $4)
         RETURNING id, rate_bps, effective_from::text AS effective_from, note, created_by, created_at`,
        [p.rateBps, p.effectiveFrom, p.note ?? null, p.createdBy],
      );
      return toPolicy(rows[0]);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_fee_policy_effective_from')) throw BillingErrors.policyDateTaken();
      throw err;
    }
  }
}
