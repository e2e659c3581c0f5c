import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { Clock, seoulDate, seoulStartOfDay, toSeoulIso } from '@dure/common';
import { ORDER_STATUSES, OrderStatus, PresenceService } from '@dure/dispatch';
import { VEHICLE_TYPES } from '@dure/membership';
import { savingsAgainstBenchmark } from '../fees/fee-rules';
import { monthBounds } from '../invoices/invoice.service';
import { DashboardRepository } from './dashboard.repository';

const OPEN: readonly OrderStatus[] = ['requested', 'assigned', 'picked_up'];

export interface TodayDashboardView {
  /** The Seoul business date the figures are for. */
  date: string;
  generatedAt: string;
  orders: {
    /** Orders created today, plus open orders of any day, by current status (every status present). */
    byStatus: Record<OrderStatus, number>;
    /** requested + assigned + picked_up, of any day. */
    open: number;
  };
  couriersOnline: { total: number; byVehicle: Record<string, number> };
  /** 24 buckets, Seoul hours 0-23. */
  deliveriesPerHour: { hour: number; deliveries: number }[];
  deliveredToday: number;
  /** Σ fee of the orders delivered today. */
  feeRevenueWon: number;
  month: {
    month: string;
    deliveries: number;
    feeWon: number;
    /** Σ (floor(fare × benchmark / 10000) − fee) over the month's deliveries. */
    savingsWon: number;
    benchmarkRateBps: number;
  };
}

/** The console's Today page: the day's orders, couriers, deliveries and money at a glance. */
@Injectable()
export class DashboardService {
  private readonly benchmarkBps: number;

  constructor(
    private readonly figures: DashboardRepository,
    private readonly presence: PresenceService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.benchmarkBps = config.billing.benchmarkRateBps;
  }

  async today(): Promise<TodayDashboardView> {
    const now = this.clock.now();
    const date = seoulDate(now);
    const from = seoulStartOfDay(date);
    const to = new Date(from.getTime() + 86_400_000);
    const monthName = date.slice(0, 7);
    const month = monthBounds(monthName);

    const [counts, hours, pairs, online] = await Promise.all([
      this.figures.ordersByStatus(from, to),
      this.figures.deliveriesByHour(from, to),
      this.figures.deliveriesByFareAndFee(month.from, month.to),
      this.presence.onlineCount(VEHICLE_TYPES),
    ]);

    const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<OrderStatus, number>;
    const perHour = Array.from({ length: 24 }, (_, hour) => ({ hour, deliveries: 0 }));
    let feeRevenueWon = 0;
    for (const b of hours) {
      if (b.hour >= 0 && b.hour < 24) perHour[b.hour].deliveries = b.deliveries;
      feeRevenueWon += b.feeWon;
    }
    let monthDeliveries = 0;
    let monthFeeWon = 0;
    let savingsWon = 0;
    for (const p of pairs) {
      monthDeliveries += p.deliveries;
      monthFeeWon += p.feeWon * p.deliveries;
      savingsWon += savingsAgainstBenchmark(p.fareWon, p.feeWon, this.benchmarkBps) * p.deliveries;
    }

    return {
      date,
      generatedAt: toSeoulIso(now),
      orders: { byStatus, open: OPEN.reduce((s, k) => s + byStatus[k], 0) },
      couriersOnline: { total: Object.values(online).reduce((s, n) => s + n, 0), byVehicle: online },
      deliveriesPerHour: perHour,
      deliveredToday: perHour.reduce((s, b) => s + b.deliveries, 0),
      feeRevenueWon,
      month: { month: monthName, deliveries: monthDeliveries, feeWon: monthFeeWon, savingsWon, benchmarkRateBps: this.benchmarkBps },
    };
  }
}
