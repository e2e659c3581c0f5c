/** The dispatch board's rules that need no DOM: which list an order sits in, offers and their clocks, couriers near a pickup. */
import type { Page } from '../../api/client';
import type { Offer, Order } from '../orders/api';

/** The statuses the board shows: waiting for a courier, and on the road. */
export const BOARD_STATUSES = ['requested', 'assigned', 'picked_up'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];
export const BOARD_LIMIT = 100;

/**
 * An order in a cached page of one status: replaced in place, added at the top (newest
 * first) when it now has that status, removed when it no longer has.
 */
export function upsertOrder<T extends { id: string; status: string }>(page: Page<T> | undefined, order: T, status: string): Page<T> | undefined {
  if (!page) return page;
  const at = page.items.findIndex((o) => o.id === order.id);
  if (order.status === status) {
    if (at >= 0) return { ...page, items: page.items.map((o, i) => (i === at ? order : o)) };
    return { ...page, items: [order, ...page.items], total: page.total + 1 };
  }
  if (at < 0) return page;
  return { ...page, items: page.items.filter((o) => o.id !== order.id), total: Math.max(0, page.total - 1) };
}

/** An order as the staff stream sends it: the order, and for an offer whom it went to until when. */
export type FeedOrder = Order & { offeredTo?: string; offerExpiresAt?: string };

/** What the stream said about an order's latest offer, until the order's detail is read again. */
export interface OfferHint {
  memberId: string;
  expiresAt: string;
  offeredAt: string;
}

export function offerHint(order: FeedOrder, now: Date): OfferHint | null {
  return order.offeredTo && order.offerExpiresAt ? { memberId: order.offeredTo, expiresAt: order.offerExpiresAt, offeredAt: now.toISOString() } : null;
}

export type OfferState = 'live' | 'timedOut' | 'declined';

export interface CurrentOffer {
  memberId: string;
  expiresAt: string;
  state: OfferState;
  /** Offers that lapsed before this one (each a courier who did not answer in time). */
  timedOutBefore: number;
}

/**
 * The order's latest offer: live until its expiry (by the clock, even before the server's
 * timeout job runs), then timed out. A stream hint newer than the detail counts as offered.
 */
export function currentOffer(offers: Offer[] | undefined, hint: OfferHint | null | undefined, now: number): CurrentOffer | null {
  const all = [...(offers ?? [])];
  if (hint && !all.some((o) => o.memberId === hint.memberId && Math.abs(Date.parse(o.expiresAt) - Date.parse(hint.expiresAt)) < 2000)) {
    all.push({ memberId: hint.memberId, status: 'offered', distanceM: null, offeredAt: hint.offeredAt, expiresAt: hint.expiresAt, respondedAt: null });
  }
  if (all.length === 0) return null;
  all.sort((a, b) => Date.parse(a.offeredAt) - Date.parse(b.offeredAt));
  const last = all[all.length - 1];
  const timedOutBefore = all.slice(0, -1).filter((o) => o.status === 'expired').length;
  let state: OfferState | null = null;
  if (last.status === 'offered') state = Date.parse(last.expiresAt) > now ? 'live' : 'timedOut';
  else if (last.status === 'expired') state = 'timedOut';
  else if (last.status === 'declined') state = 'declined';
  return state ? { memberId: last.memberId, expiresAt: last.expiresAt, state, timedOutBefore } : null;
}

/** Whole seconds left until an instant (0 once it has passed). */
export function secondsLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}

/** "0:27", "12:05". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Whole minutes since an instant, for "3 min ago" (null when unknown). */
export function minutesSince(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.max(0, Math.floor((now - t) / 60_000));
}

/** Great-circle distance in metres. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** Jobs each courier holds now (assigned or picked up). */
export function activeJobs(orders: Pick<Order, 'assignedMemberId'>[]): Map<string, number> {
  const jobs = new Map<string, number>();
  for (const o of orders) if (o.assignedMemberId) jobs.set(o.assignedMemberId, (jobs.get(o.assignedMemberId) ?? 0) + 1);
  return jobs;
}

export interface CourierRow {
  memberId: string;
  memberNo: string | null;
  name: string;
  vehicleType: string;
  lat: number | null;
  lng: number | null;
  seenAt: string | null;
}

export interface RankedCourier extends CourierRow {
  /** From the selected order's pickup, when both positions are known. */
  distanceM: number | null;
  /** Drives the vehicle the selected order needs (true when no order is selected). */
  fits: boolean;
  jobs: number;
}

/**
 * The couriers for the selected order: those with its vehicle first, free before busy,
 * nearest to the pickup first; without an order, by name.
 */
export function rankCouriers(couriers: CourierRow[], order: Pick<Order, 'vehicleType' | 'pickup'> | null, jobs: Map<string, number>): RankedCourier[] {
  const ranked = couriers.map((c) => ({
    ...c,
    distanceM: order && c.lat !== null && c.lng !== null ? distanceM(order.pickup, { lat: c.lat, lng: c.lng }) : null,
    fits: !order || c.vehicleType === order.vehicleType,
    jobs: jobs.get(c.memberId) ?? 0,
  }));
  if (!order) return ranked.sort((a, b) => a.name.localeCompare(b.name, 'ko'));
  return ranked.sort(
    (a, b) =>
      Number(b.fits) - Number(a.fits) ||
      Math.min(a.jobs, 1) - Math.min(b.jobs, 1) ||
      (a.distanceM ?? Number.POSITIVE_INFINITY) - (b.distanceM ?? Number.POSITIVE_INFINITY) ||
      a.name.localeCompare(b.name, 'ko'),
  );
}

/** One line of the board's activity log. */
export interface FeedEntry {
  key: string;
  at: string;
  kind: 'created' | 'offered' | 'assigned' | 'picked_up' | 'delivered' | 'cancelled' | 'failed' | 'unassigned' | 'changed';
  orderNo: number;
  memberId: string | null;
}

/** What a stream message means for the log. */
export function feedEntry(event: string, order: FeedOrder, at: Date, key: string): FeedEntry {
  const base = { key, at: at.toISOString(), orderNo: order.orderNo, memberId: order.offeredTo ?? order.assignedMemberId ?? null };
  if (event === 'order_unassigned') return { ...base, kind: 'unassigned', memberId: null };
  if (order.offeredTo) return { ...base, kind: 'offered' };
  switch (order.status) {
    case 'requested':
      return { ...base, kind: Date.parse(order.createdAt) > at.getTime() - 10_000 ? 'created' : 'changed' };
    case 'assigned':
    case 'picked_up':
    case 'delivered':
    case 'cancelled':
    case 'failed':
      return { ...base, kind: order.status };
    default:
      return { ...base, kind: 'changed' };
  }
}

const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/**
 * The credit the map shows for its tiles: OpenStreetMap's when the tiles are OpenStreetMap's
 * (tile.openstreetmap.org, {s}.tile.openstreetmap.org); none for other servers (a vendor or
 * the cooperative's own tiles are not OpenStreetMap's to credit).
 */
export function tileAttribution(tileUrl: string): string | undefined {
  const host = /^(?:[a-z][a-z\d+.-]*:)?\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(tileUrl.trim())?.[1]?.toLowerCase();
  return host === 'openstreetmap.org' || host?.endsWith('.openstreetmap.org') ? OSM_ATTRIBUTION : undefined;
}
