import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows, wonFromDb } from '@dure/database';

@Injectable()
export class EarningsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Jobs, fares, fees and per-job savings against a benchmark rate, delivered in [from, to). */
  async totals(memberId: string, from: Date, to: Date, benchmarkBps: number): Promise<{ jobs: number; grossWon: number; feeWon: number; savingsWon: number }> {
    const rows = await sqlRows<{ jobs: number; gross: string; fee: string; savings: string }>(
      this.dataSource.manager,
      `SELECT count(*)::int AS jobs, coalesce(sum(fare_won), 0) AS gross, coalesce(sum(fee_won), 0) AS fee,
              coalesce(sum((fare_won * $4) / 10000 - fee_won), 0) AS savings
         FROM delivery_order
        WHERE assigned_member_id = $1 AND status = 'delivered' AND delivered_at >= $2 AND delivered_at < $3`,
      [memberId, from, to, benchmarkBps],
    );
    const r = rows[0];
    return { jobs: r.jobs, grossWon: wonFromDb(r.gross), feeWon: wonFromDb(r.fee), savingsWon: wonFromDb(r.savings) };
  }
}
