import { request } from '../../api/client';
import type { OrderStatus } from '../../lib/domain';

/** GET /admin/dashboard/today: the day's figures in Asia/Seoul. */
export interface TodayDashboard {
  date: string;
  generatedAt: string;
  orders: { byStatus: Record<OrderStatus, number>; open: number };
  couriersOnline: { total: number; byVehicle: Record<string, number> };
  deliveriesPerHour: { hour: number; deliveries: number }[];
  deliveredToday: number;
  feeRevenueWon: number;
  month: { month: string; deliveries: number; feeWon: number; savingsWon: number; benchmarkRateBps: number };
}

export const todayKey = ['dashboard', 'today'] as const;

export function fetchToday(): Promise<TodayDashboard> {
  return request<TodayDashboard>('/admin/dashboard/today');
}
