import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, sqlRows, wonFromDb } from '@dure/database';
import type { Plan, RateLike } from '../remuneration';

export interface Rate extends RateLike {
  id: string;
  effectiveFrom: string;
  source: string | null;
  createdBy: string;
  createdAt: Date;
}

export type RateInput = Omit<Rate, 'id' | 'createdBy' | 'createdAt'>;

type Row = Record<string, unknown>;

const COLUMNS = `id, plan, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, worker_rate_bps, employer_rate_bps, expense_ratio_bps,
  threshold_won, premium_won, payer, source, created_by, created_at`;

const toRate = (r: Row): Rate => ({
  id: r.id as string,
  plan: r.plan as Plan,
  effectiveFrom: r.effective_from as string,
  workerRateBps: r.worker_rate_bps as number,
  employerRateBps: r.employer_rate_bps as number,
  expenseRatioBps: r.expense_ratio_bps as number,
  thresholdWon: r.threshold_won === null ? null : wonFromDb(r.threshold_won as string),
  premiumWon: r.premium_won === null ? null : wonFromDb(r.premium_won as string),
  payer: (r.payer as Rate['payer']) ?? null,
  source: (r.source as string | null) ?? null,
  createdBy: r.created_by as string,
  createdAt: r.created_at as Date,
});

@Injectable()
export class RateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(plan?: Plan): Promise<Rate[]> {
    return (
      await sqlRows<Row>(this.dataSource.manager, `SELECT ${COLUMNS} FROM insurance_rate WHERE ($1::text IS NULL OR plan = $1) ORDER BY plan, effective_from`, [plan ?? null])
    ).map(toRate);
  }

  /**
   * Rates and the months computed with them change one at a time: a rate change takes this
   * lock alone, a monthly computation shares it.
   */
  async lockRates(tx: Tx, mode: 'change' | 'compute'): Promise<void> {
    await tx.query(mode === 'change' ? `SELECT pg_advisory_xact_lock(hashtext('insurance-rates'))` : `SELECT pg_advisory_xact_lock_shared(hashtext('insurance-rates'))`);
  }

  /** Each plan's rate in force on a date (plans with none then are absent). */
  async inForce(tx: Tx, date: string): Promise<Map<Plan, Rate>> {
    const rows = await sqlRows<Row>(
      tx,
      `SELECT DISTINCT ON (plan) ${COLUMNS} FROM insurance_rate WHERE effective_from <= $1 ORDER BY plan, effective_from DESC`,
      [date],
    );
    return new Map(rows.map((r) => [r.plan as Plan, toRate(r)]));
  }

  /** The latest month of a plan already computed with a rate starting on or after `from`. */
  async computedMonthFrom(tx: Tx, plan: Plan, from: string): Promise<string | null> {
    const rows = await sqlRows<{ month: string }>(
      tx,
      `SELECT max(month) AS month FROM insurance_monthly WHERE plan = $1 AND to_date(month || '-01', 'YYYY-MM-DD') >= $2::date`,
      [plan, from],
    );
    return rows[0]?.month ?? null;
  }

  /** Adds a rate, or replaces the one of the same plan and date (never one a computed month used). */
  async upsert(tx: Tx, r: RateInput, actor: string, at: Date): Promise<{ rate: Rate; created: boolean }> {
    const rows = await sqlRows<Row>(
      tx,
      `INSERT INTO insurance_rate (plan, effective_from, worker_rate_bps, employer_rate_bps, expense_ratio_bps, threshold_won, premium_won, payer, source, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (plan, effective_from) DO UPDATE SET worker_rate_bps = EXCLUDED.worker_rate_bps, employer_rate_bps = EXCLUDED.employer_rate_bps,
         expense_ratio_bps = EXCLUDED.expense_ratio_bps, threshold_won = EXCLUDED.threshold_won, premium_won = EXCLUDED.premium_won,
         payer = EXCLUDED.payer, source = EXCLUDED.source, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at
       RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [r.plan, r.effectiveFrom, r.workerRateBps, r.employerRateBps, r.expenseRatioBps, r.thresholdWon, r.premiumWon, r.payer, r.source, actor, at],
    );
    return { rate: toRate(rows[0]), created: rows[0].created as boolean };
  }
}
