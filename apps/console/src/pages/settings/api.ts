import { request, type Page } from '../../api/client';
import type { Client, Insurer } from '../../api/types';
import type { RuleSet, StaffChanges } from './model';

export const STAFF_ROLES = ['admin', 'dispatcher', 'accountant'] as const;
export const PAGE_LIMIT = 20;

/** The API's refusal to leave the cooperative without an active admin. */
export const LAST_ADMIN = 'MEMBERSHIP.LAST_ADMIN';

export interface StaffAccount {
  id: string;
  login: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: string;
}

/** An API key as the API shows it: once, right after creation or rotation. */
export interface IssuedKey {
  apiKeyId: string;
  apiKey: string;
}

export const keys = {
  staff: (page: number) => ['settings', 'staff', page] as const,
  insurers: (page: number) => ['settings', 'insurers', page] as const,
  clients: (page: number) => ['settings', 'clients', page] as const,
  ruleSets: ['settings', 'rule-sets'] as const,
};

export const api = {
  staff: (page: number) => request<Page<StaffAccount>>('/admin/staff', { query: { page, limit: PAGE_LIMIT } }),
  createStaff: (body: { login: string; password: string; name: string; roles: string[] }, idempotencyKey: string) =>
    request<StaffAccount>('/admin/staff', { method: 'POST', body, idempotencyKey }),
  /** Name, roles (the full new set), active, or a password reset; 409 MEMBERSHIP.LAST_ADMIN keeps one active admin. */
  updateStaff: (id: string, body: StaffChanges) => request<StaffAccount>(`/admin/staff/${id}`, { method: 'PATCH', body }),
  insurers: (page: number) => request<Page<Insurer>>('/admin/insurers', { query: { page, limit: PAGE_LIMIT } }),
  createInsurer: (body: { name: string; plans: string[] }, idempotencyKey: string) =>
    request<Insurer & IssuedKey>('/admin/insurers', { method: 'POST', body, idempotencyKey }),
  clients: (page: number) => request<Page<Client>>('/admin/clients', { query: { page, limit: PAGE_LIMIT } }),
  createClient: (body: { name: string; businessNo: string; creditAccount: boolean }, idempotencyKey: string) =>
    request<Client & IssuedKey>('/admin/clients', { method: 'POST', body, idempotencyKey }),
  /** By key id, or by its insurer's or client's id: the old key stops working at once. */
  rotateKey: (id: string) => request<IssuedKey & { ownerType: string; ownerId: string }>(`/admin/api-keys/${id}/rotate`, { method: 'POST' }),
  ruleSets: () => request<RuleSet[]>('/admin/pricing/rule-sets'),
  addRuleSet: (body: Record<string, unknown>, idempotencyKey: string) => request<RuleSet>('/admin/pricing/rule-sets', { method: 'POST', body, idempotencyKey }),
  /** Lets this browser open /admin/queues (an HttpOnly cookie as long as the access token). */
  queuesSession: () => request<void>('/admin/queues/session', { method: 'POST' }),
};
