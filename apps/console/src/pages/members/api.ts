import { download, request, type Page } from '../../api/client';
import type { Enrollment, Statement } from '../../api/types';
import type { MemberStatus } from '../../lib/domain';
import type { MemberAction } from './model';

/** A member as the API shows it: RRN and bank account already masked. */
export interface Member {
  id: string;
  memberNo: string | null;
  status: MemberStatus;
  name: string;
  phone: string;
  birthDate: string;
  rrn: string;
  vehicleType: string;
  bankName: string;
  bankAccount: string;
  accountHolder: string;
  consents: { privacyAt: string; insuranceAt: string };
  appliedAt: string;
  approvedAt: string | null;
  statusReason: string | null;
  withdrawalEffectiveOn: string | null;
}

export interface StatusChange {
  from: MemberStatus | null;
  to: MemberStatus;
  reason: string | null;
  effectiveOn: string | null;
  actorType: string;
  actorName: string | null;
  actorId: string;
  at: string;
}

export interface MemberDetail extends Member {
  statusHistory: StatusChange[];
  shareCapital: { balanceWon: number; minimumWon: number };
}

export interface ShareCapitalEntry {
  id: string;
  kind: 'payment' | 'refund';
  amountWon: number;
  paidOn: string;
  note: string | null;
  recordedBy: string;
  createdAt: string;
}

export interface ShareCapitalLedger {
  memberId: string;
  minimumWon: number;
  paidInWon: number;
  refundedWon: number;
  balanceWon: number;
  outstandingWon: number;
  scheduledRefund: { amountWon: number; dueOn: string; status: 'scheduled' | 'paid' } | null;
  entries: ShareCapitalEntry[];
}

export interface Job {
  id: string;
  orderNo: number;
  status: string;
  pickup: { address: string };
  dropoff: { address: string };
  itemDescription: string;
  paymentMethod: string;
  fareWon: number;
  feeWon: number | null;
  createdAt: string;
  deliveredAt: string | null;
}

export const PAGE_SIZE = 20;

/** Query keys: everything of this page sits under 'members', so a status change can refresh it all. */
export const keys = {
  all: ['members'] as const,
  list: (filter: { status?: string; q?: string; page: number; sort?: string }) => ['members', 'list', filter] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  shareCapital: (id: string) => ['members', 'detail', id, 'share-capital'] as const,
  insurance: (id: string) => ['members', 'detail', id, 'insurance'] as const,
  jobs: (id: string, page: number) => ['members', 'detail', id, 'jobs', page] as const,
  statements: (id: string, page: number) => ['members', 'detail', id, 'statements', page] as const,
};

export const membersApi = {
  list: (filter: { status?: string; q?: string; page: number; limit?: number; sort?: string }) =>
    request<Page<Member>>('/admin/members', { query: { status: filter.status, q: filter.q?.trim(), sort: filter.sort, page: filter.page, limit: filter.limit ?? PAGE_SIZE } }),
  /** Every member the filter matches, as the server writes it (masked, Hangul headers, BOM). */
  exportCsv: (filter: { status?: string; q?: string; sort?: string }) => download('/admin/members', { status: filter.status, q: filter.q?.trim(), sort: filter.sort, format: 'csv' }),
  detail: (id: string) => request<MemberDetail>(`/admin/members/${id}`),
  change: (id: string, action: MemberAction, body: Record<string, string> | undefined) =>
    request<Member>(`/admin/members/${id}/${action}`, { method: 'POST', body: body ?? {} }),
  shareCapital: (id: string) => request<ShareCapitalLedger>(`/admin/members/${id}/share-capital`),
  recordShareCapital: (id: string, body: { kind: string; amountWon: number | string; paidOn: string; note?: string }, idempotencyKey: string) =>
    request<ShareCapitalEntry>(`/admin/members/${id}/share-capital`, { method: 'POST', body, idempotencyKey }),
  /** The clear value: kept only in the reveal dialog's mutation, never in the query cache. */
  reveal: (id: string, field: 'rrn' | 'bankAccount', reason: string) =>
    request<{ field: string; value: string }>(`/admin/members/${id}/reveal`, { method: 'POST', body: { field, reason } }),
  insurance: (id: string) => request<Page<Enrollment>>('/admin/insurance/enrollments', { query: { memberId: id, limit: 100 } }),
  jobs: (id: string, page: number) => request<Page<Job>>('/admin/orders', { query: { memberId: id, page, limit: PAGE_SIZE } }),
  statements: (id: string, page: number) => request<Page<Statement>>('/admin/settlements/statements', { query: { memberId: id, page, limit: PAGE_SIZE } }),
};
