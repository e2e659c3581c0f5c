import { request, type Page } from '../../api/client';
import type { MemberLite } from '../../api/types';
import type { OrderStatus } from '../../lib/domain';

export interface Stop {
  address: string;
  lat: number;
  lng: number;
  contactName: string;
  contactPhone: string;
}

/** An order as GET /admin/orders shows it. */
export interface Order {
  id: string;
  orderNo: number;
  status: OrderStatus;
  pickup: Stop;
  dropoff: Stop;
  itemDescription: string;
  vehicleType: string;
  urgency: string;
  paymentMethod: string;
  clientId: string | null;
  fareWon: number;
  fareSource: 'rules' | 'agreed';
  feeWon: number | null;
  distanceM: number;
  dispatchMode: string;
  needsDispatcher: boolean;
  assignedMemberId: string | null;
  createdAt: string;
  assignedAt: string | null;
  pickedUpAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  failedAt: string | null;
  cancelReason: string | null;
  failReason: string | null;
  recipientName: string | null;
  hasProofPhoto: boolean;
}

export interface OrderEvent {
  status: OrderStatus;
  at: string;
  actorType: string;
  actorId: string;
  eventId: string | null;
  reason: string | null;
}

/** Who an order was offered to (offer mode), as the staff detail lists it. */
export interface Offer {
  memberId: string;
  status: string;
  distanceM: number | null;
  offeredAt: string;
  expiresAt: string;
  respondedAt: string | null;
}

export interface OrderDetail extends Order {
  events: OrderEvent[];
  offers?: Offer[];
}

export interface OrderFilter {
  status?: string;
  date?: string;
  clientId?: string;
  memberId?: string;
  needsDispatcher?: boolean;
  page?: number;
  limit?: number;
}

export interface QuotePoint {
  lat: number;
  lng: number;
  address?: string;
}

export interface QuoteRequest {
  pickup: QuotePoint;
  dropoff: QuotePoint;
  vehicleType: string;
  urgency: string;
}

export interface Quote {
  fareWon: number;
  distanceM: number;
  breakdown: { kind: string; amountWon: number }[];
  ruleSetId: string;
}

export interface OrderBody {
  pickup: Stop;
  dropoff: Stop;
  itemDescription: string;
  vehicleType: string;
  urgency: string;
  paymentMethod: string;
  clientId?: string;
  fareWon?: number;
  dispatchMode?: string;
}

export const listOrders = (filter: OrderFilter) => request<Page<Order>>('/admin/orders', { query: { ...filter } });
export const getOrder = (id: string) => request<OrderDetail>(`/admin/orders/${id}`);
export const createOrder = (body: OrderBody, idempotencyKey: string) => request<Order>('/admin/orders', { method: 'POST', body, idempotencyKey });
export const cancelOrder = (id: string, reason: string) => request<Order>(`/admin/orders/${id}/cancel`, { method: 'POST', body: { reason } });
export const assignOrder = (id: string, memberId: string) => request<Order>(`/admin/orders/${id}/assign`, { method: 'POST', body: { memberId } });
export const fetchQuote = (body: QuoteRequest) => request<Quote>('/quotes', { method: 'POST', body });
export const getMember = (id: string) => request<MemberLite>(`/admin/members/${id}`);
export const searchMembers = (q: string, status?: string) => request<Page<MemberLite>>('/admin/members', { query: { q, status, limit: 20 } });

/** Query keys of the order data, so the board and the order pages refresh each other. */
export const orderKeys = {
  all: ['orders'] as const,
  list: (filter: OrderFilter) => ['orders', 'list', filter] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  member: (id: string) => ['orders', 'member', id] as const,
};
