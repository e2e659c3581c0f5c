/** The order pages' rules that need no DOM: the phone-order form, quotes, list filters, export paging. */
import { ORDER_STATUSES, isOneOf } from '../../lib/domain';
import type { OrderBody, OrderFilter, QuoteRequest } from './api';

export const URGENCIES = ['normal', 'express'] as const;
export const PAYMENT_METHODS = ['cash', 'credit', 'prepaid'] as const;
export const DISPATCH_MODES = ['broadcast', 'offer', 'manual'] as const;

/** SPEC: staff cancel before pickup only. */
export function canCancel(status: string): boolean {
  return status === 'requested' || status === 'assigned';
}

/** Daegu places the office sends to often (the demo cooperative's regulars), with coordinates. */
export const PLACES = {
  dongseongno: { address: '대구 중구 동성로2길 80', lat: 35.8693, lng: 128.5961, contactName: '동성로 꽃집', contactPhone: '053-421-0001' },
  seomun: { address: '대구 중구 큰장로26길 45 서문시장', lat: 35.8688, lng: 128.5807, contactName: '서문시장 포목점', contactPhone: '053-256-0002' },
  suseong: { address: '대구 수성구 무학로 78', lat: 35.8276, lng: 128.6183, contactName: '수성못 카페', contactPhone: '053-761-0003' },
  dongdaegu: { address: '대구 동구 동대구로 550 동대구역', lat: 35.8797, lng: 128.6286, contactName: '역 물품보관소', contactPhone: '053-940-0004' },
  kyungpook: { address: '대구 북구 대학로 80 경북대학교', lat: 35.8906, lng: 128.6115, contactName: '경북대 행정실', contactPhone: '053-950-0005' },
  seongseo: { address: '대구 달서구 성서공단로 11', lat: 35.8264, lng: 128.5291, contactName: '성서공단 부품상사', contactPhone: '053-583-0006' },
} as const;
export type PlaceKey = keyof typeof PLACES;
export const PLACE_KEYS = Object.keys(PLACES) as PlaceKey[];

/** One stop as the form holds it: coordinates as typed, so half-typed numbers are kept. */
export interface StopForm {
  place: string;
  address: string;
  lat: string;
  lng: string;
  contactName: string;
  contactPhone: string;
}

export interface OrderForm {
  pickup: StopForm;
  dropoff: StopForm;
  itemDescription: string;
  vehicleType: string;
  urgency: string;
  paymentMethod: string;
  clientId: string;
  fareWon: string;
  dispatchMode: string;
}

export const emptyStop = (): StopForm => ({ place: '', address: '', lat: '', lng: '', contactName: '', contactPhone: '' });

export const emptyOrderForm = (): OrderForm => ({
  pickup: emptyStop(),
  dropoff: emptyStop(),
  itemDescription: '',
  vehicleType: 'motorcycle',
  urgency: 'normal',
  paymentMethod: 'cash',
  clientId: '',
  fareWon: '',
  dispatchMode: '',
});

/** Picking a known place fills the stop; picking "by hand" keeps what was typed. */
export function applyPlace(stop: StopForm, key: string): StopForm {
  const place = (PLACES as Record<string, (typeof PLACES)[PlaceKey]>)[key];
  if (!place) return { ...stop, place: '' };
  return { place: key, address: place.address, lat: String(place.lat), lng: String(place.lng), contactName: place.contactName, contactPhone: place.contactPhone };
}

/** A coordinate as typed, if it is a finite number within the range. */
export function parseCoord(text: string, max: number): number | null {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) && Math.abs(n) <= max ? n : null;
}

/** The quote the form can ask for now, or null while a coordinate is missing or invalid. */
export function quoteRequest(form: OrderForm): QuoteRequest | null {
  const point = (s: StopForm) => {
    const lat = parseCoord(s.lat, 90);
    const lng = parseCoord(s.lng, 180);
    return lat === null || lng === null ? null : { lat, lng };
  };
  const pickup = point(form.pickup);
  const dropoff = point(form.dropoff);
  if (!pickup || !dropoff || !form.vehicleType || !form.urgency) return null;
  return { pickup, dropoff, vehicleType: form.vehicleType, urgency: form.urgency };
}

/** A number as typed, or what was typed when it is not one (the API then names the field). */
function numberOr(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed.replace(/,/g, ''));
  return Number.isFinite(n) ? n : trimmed;
}

/**
 * The body of POST /admin/orders. Nothing is checked here beyond shaping: the API's
 * field errors are what the form shows beside each field.
 */
export function orderBody(form: OrderForm): OrderBody {
  const stop = (s: StopForm) => ({ address: s.address.trim(), lat: numberOr(s.lat), lng: numberOr(s.lng), contactName: s.contactName.trim(), contactPhone: s.contactPhone.trim() });
  const body: Record<string, unknown> = {
    pickup: stop(form.pickup),
    dropoff: stop(form.dropoff),
    itemDescription: form.itemDescription.trim(),
    vehicleType: form.vehicleType,
    urgency: form.urgency,
    paymentMethod: form.paymentMethod,
  };
  if (form.clientId.trim()) body.clientId = form.clientId.trim();
  const fare = numberOr(form.fareWon);
  if (fare !== undefined) body.fareWon = fare;
  if (form.dispatchMode) body.dispatchMode = form.dispatchMode;
  return body as unknown as OrderBody;
}

/** The form's fields, as the API names them in its error details. */
export const ORDER_FIELDS = [
  ...(['pickup', 'dropoff'] as const).flatMap((s) => ['address', 'lat', 'lng', 'contactName', 'contactPhone'].map((f) => `${s}.${f}`)),
  'pickup',
  'dropoff',
  'itemDescription',
  'vehicleType',
  'urgency',
  'paymentMethod',
  'clientId',
  'fareWon',
  'dispatchMode',
] as const;

/** The breakdown adds up to the fare; the form shows the sum so a mismatch would be visible. */
export function breakdownTotal(breakdown: { amountWon: number }[]): number {
  return breakdown.reduce((sum, b) => sum + b.amountWon, 0);
}

/**
 * One Idempotency-Key per submission: the same body sent again (a retry after a lost
 * answer, a double click) keeps its key, so the order is created once; a changed form is a
 * new submission with a new key.
 */
export function idempotencyKeyFor(previous: { body: string; key: string } | null, body: unknown, newKey: () => string): { body: string; key: string } {
  const json = JSON.stringify(body);
  return previous && previous.body === json ? previous : { body: json, key: newKey() };
}

/** The list's filters live in the address, so a filtered list can be bookmarked and reloaded. */
export function readOrderFilter(params: URLSearchParams): Required<Pick<OrderFilter, 'page'>> & OrderFilter {
  const status = params.get('status');
  const date = params.get('date') ?? '';
  const uuid = (v: string | null) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined);
  const page = Number(params.get('page'));
  return {
    status: isOneOf(ORDER_STATUSES, status) ? status : undefined,
    date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
    clientId: uuid(params.get('clientId')),
    memberId: uuid(params.get('memberId')),
    needsDispatcher: params.get('needsDispatcher') === 'true' ? true : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function writeOrderFilter(filter: OrderFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.date) params.set('date', filter.date);
  if (filter.clientId) params.set('clientId', filter.clientId);
  if (filter.memberId) params.set('memberId', filter.memberId);
  if (filter.needsDispatcher) params.set('needsDispatcher', 'true');
  if (filter.page && filter.page > 1) params.set('page', String(filter.page));
  return params;
}

/** Metres as the office reads them: "850 m", "6.6 km". */
export function formatDistance(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}

/** The form's value at a field path of the API (`pickup.lat`, `urgency`), as JSON for comparing. */
function valueAt(form: OrderForm, path: string): string {
  const value = path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), form);
  return JSON.stringify(value ?? null);
}

/**
 * The field errors still worth showing: those of fields unchanged since the answer that
 * raised them. A corrected field drops its error at once, before the next submit.
 */
export function currentFieldErrors(byField: Record<string, string>, answered: OrderForm | null, now: OrderForm): Record<string, string> {
  if (!answered) return byField;
  return Object.fromEntries(Object.entries(byField).filter(([field]) => valueAt(answered, field) === valueAt(now, field)));
}
