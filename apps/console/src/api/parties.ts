import { collectPages } from '../lib/paging';
import { request, type Page } from './client';
import type { Client, Insurer } from './types';

/** Query keys of the full lists for pickers; Settings refreshes them when it adds a party. */
export const partyKeys = {
  all: ['parties'] as const,
  insurers: ['parties', 'insurers'] as const,
  clients: ['parties', 'clients'] as const,
};

async function everyPage<T>(path: string): Promise<T[]> {
  const { rows } = await collectPages((page, limit) => request<Page<T>>(path, { query: { page, limit } }));
  return rows;
}

/** Every insurer, page by page (GET /admin/insurers: admins and accountants). */
export const allInsurers = (): Promise<Insurer[]> => everyPage<Insurer>('/admin/insurers');

/** Every business client, page by page (GET /admin/clients: all staff). */
export const allClients = (): Promise<Client[]> => everyPage<Client>('/admin/clients');
