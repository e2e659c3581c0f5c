import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows, wonFromDb } from '@dure/database';

/** Orders still moving, whatever day they were placed on. */
const OPEN_STATUSES = ['requested', 'assigned', 'picked_up'];

export interface HourBucket {
  /** Hours since the start of the day (0-23). */
  hour: number;
  deliveries: number;
  feeWon: number;
}

export interface FareFeeGroup {
  fareWon: number;
  feeWon: number;
  deliveries: number;
}

/** The office's figures of the day: counts and sums over delivery orders, set-based. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Orders created in [from, to) plus every open order, counted by current status. */
  async ordersByStatus(from: Date, to: Date): Promise<Record<string, number>> {
    const rows = await sqlRows<{ status: string; n: number }>(
      this.dataSource.manager,
      `SELECT status, count(*)::int AS n
         FROM delivery_order
        WHERE (created_at >= $1 AND created_at < $2) OR status = ANY($3::text[])
        GROUP BY status`,
      [from, to, OPEN_STATUSES],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Deliveries and fees in [from, to) by whole hours after `from` (only hours that had any). */
  async deliveriesByHour(from: Date, to: Date): Promise<HourBucket[]> {
    const rows = await sqlRows<{ hour: number; n: number; fee: string }>(
      this.dataSource.manager,
      `SELECT floor(extract(epoch FROM delivered_at - $1::timestamptz) / 3600)::int AS hour, count(*)::int AS n, coalesce(sum(fee_won), 0) AS fee
         FROM delivery_order
        WHERE status = 'delivered' AND delivered_at >= $1 AND delivered_at < $2
        GROUP BY 1
        ORDER BY 1`,
      [from, to],
    );
    return rows.map((r) => ({ hour: r.hour, deliveries: r.n, feeWon: wonFromDb(r.fee) }));
  }

  /**
   * Deliveries in [from, to) grouped by (fare, fee): few distinct pairs however many jobs,
   * so the per-job savings rule can be applied in code to each pair.
   */
  async deliveriesByFareAndFee(from: Date, to: Date): Promise<FareFeeGroup[]> {
    const rows = await sqlRows<{ fare: string; fee: string; n: number }>(
      this.dataSource.manager,
      `SELECT fare_won AS fare, coalesce(fee_won, 0) AS fee, count(*)::int AS n
         FROM delivery_order
        WHERE status = 'delivered' AND delivered_at >= $1 AND delivered_at < $2
        GROUP BY 1, 2`,
      [from, to],
    );
    return rows.map((r) => ({ fareWon: wonFromDb(r.fare), feeWon: wonFromDb(r.fee), deliveries: r.n }));
  }
}
