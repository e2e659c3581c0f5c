import { ApiError, request, type Page } from '../../api/client';
import type { MemberLite } from '../../api/types';
import type { CourierRow } from './board';

export interface ConsoleConfig {
  mapTileUrl: string;
}

/** The console's settings; without them (an older api, a failure) the board draws no tiles. */
export async function consoleConfig(): Promise<ConsoleConfig> {
  try {
    const config = await request<Partial<ConsoleConfig>>('/console/config');
    return { mapTileUrl: typeof config?.mapTileUrl === 'string' ? config.mapTileUrl.trim() : '' };
  } catch {
    return { mapTileUrl: '' };
  }
}

export interface CourierList {
  /** `live`: couriers online with their positions; `register`: active members, positions unknown. */
  source: 'live' | 'register';
  rows: CourierRow[];
}

/**
 * Couriers online on the live map (GET /console/couriers). Where the api does not offer it
 * (404), the active members of the register, so a dispatcher can still assign by name.
 */
export async function fetchCouriers(search: string): Promise<CourierList> {
  try {
    const rows = await request<CourierRow[]>('/console/couriers');
    const q = search.trim().toLowerCase();
    return { source: 'live', rows: q ? rows.filter((r) => r.name.toLowerCase().includes(q) || (r.memberNo ?? '').toLowerCase().includes(q)) : rows };
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) throw err;
  }
  const page = await request<Page<MemberLite>>('/admin/members', { query: { status: 'active', q: search.trim() || undefined, limit: 100 } });
  return {
    source: 'register',
    rows: page.items.map((m) => ({ memberId: m.id, memberNo: m.memberNo, name: m.name, vehicleType: m.vehicleType, lat: null, lng: null, seenAt: null })),
  };
}

/** Couriers on the live map per vehicle. */
export const onlineCounts = () => request<Record<string, number>>('/admin/dispatch/couriers');

export const dispatchKeys = {
  config: ['dispatch', 'config'] as const,
  couriers: (search: string) => ['dispatch', 'couriers', search] as const,
  counts: ['dispatch', 'counts'] as const,
};
