import { request } from '../../api/client';

export const ORDER_STATUSES = ['requested', 'assigned', 'picked_up', 'delivered', 'cancelled', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

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
