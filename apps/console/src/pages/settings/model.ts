/** Pure helpers of the Settings pages (no DOM, no requests). */
import { VEHICLE_TYPES, type Phase, type VehicleType } from '../../lib/domain';
import { formatBps } from '../../lib/format';

export const TARIFF_FIELDS = ['baseFareWon', 'baseDistanceM', 'perKmWon'] as const;
export const RATE_FIELDS = ['roadFactorBps', 'expressSurchargeBps', 'nightSurchargeBps', 'weekendSurchargeBps', 'roundingUnitWon'] as const;

export interface Tariff {
  baseFareWon: number;
  baseDistanceM: number;
  perKmWon: number;
}

export interface RuleSet {
  id: string;
  effectiveFrom: string;
  vehicles: Record<VehicleType, Tariff>;
  roadFactorBps: number;
  expressSurchargeBps: number;
  nightSurchargeBps: number;
  weekendSurchargeBps: number;
  roundingUnitWon: number;
  note?: string;
  createdBy: string;
  createdAt: string;
}

/** A road factor in basis points as the multiplier it is: 13000 → "×1.3", 13500 → "×1.35", 10000 → "×1". */
export function formatRoadFactor(bps: number): string {
  return `×${(bps / 10_000).toFixed(4).replace(/\.?0+$/, '')}`;
}

/** A surcharge in basis points as what it adds: 5000 → "+50%". */
export function formatSurcharge(bps: number): string {
  return `+${formatBps(bps)}`;
}

type RateKey = 'roadFactorBps' | 'expressSurchargeBps' | 'nightSurchargeBps' | 'weekendSurchargeBps';

/** The rates of a rule set in the order the page shows them, each with its label key (`pricing.*`) and how the office reads it. */
export const RATES: readonly { key: RateKey; label: string; format: (bps: number) => string }[] = [
  { key: 'roadFactorBps', label: 'roadFactor', format: formatRoadFactor },
  { key: 'expressSurchargeBps', label: 'express', format: formatSurcharge },
  { key: 'nightSurchargeBps', label: 'night', format: formatSurcharge },
  { key: 'weekendSurchargeBps', label: 'weekend', format: formatSurcharge },
];

/** A rule set's rates as the office reads them: ×1.3, +50%, +20%, +10%. */
export function ruleSetRates(r: Pick<RuleSet, RateKey>): { key: RateKey; label: string; value: string }[] {
  return RATES.map(({ key, label, format }) => ({ key, label, value: format(r[key]) }));
}

/**
 * Each rule set with its phase at `now`: the latest one already started is in force, the
 * ones starting later are scheduled, the others are history. Newest first.
 */
export function ruleSetPhases<T extends { effectiveFrom: string }>(history: readonly T[], now: Date): { ruleSet: T; phase: Phase }[] {
  const sorted = [...history].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
  let inForce = -1;
  sorted.forEach((r, i) => {
    if (Date.parse(r.effectiveFrom) <= now.getTime()) inForce = i;
  });
  return sorted
    .map((ruleSet, i): { ruleSet: T; phase: Phase } => ({ ruleSet, phase: i === inForce ? 'inForce' : i > inForce ? 'future' : 'past' }))
    .reverse();
}

/** A Seoul wall-clock date and time (`YYYY-MM-DD`, `HH:mm`) as an ISO instant with +09:00. */
export function seoulInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = `${date}T${time}:00+09:00`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  // Reject dates the calendar does not have (2031-02-30 would roll over to March).
  if (new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16) !== `${date}T${time}`) return null;
  return iso;
}

/** The form of a new rule set: text inputs, prefilled from a rule set (the one in force). */
export interface RuleSetForm {
  date: string;
  time: string;
  vehicles: Record<VehicleType, Record<(typeof TARIFF_FIELDS)[number], string>>;
  roadFactorBps: string;
  expressSurchargeBps: string;
  nightSurchargeBps: string;
  weekendSurchargeBps: string;
  roundingUnitWon: string;
  note: string;
}

export function formFrom(base: Omit<RuleSet, 'id' | 'effectiveFrom' | 'createdBy' | 'createdAt'> | null, date: string): RuleSetForm {
  const num = (n: number | undefined) => (n === undefined ? '' : String(n));
  const vehicles = Object.fromEntries(
    VEHICLE_TYPES.map((v) => [v, Object.fromEntries(TARIFF_FIELDS.map((f) => [f, num(base?.vehicles[v]?.[f])]))]),
  ) as RuleSetForm['vehicles'];
  return {
    date,
    time: '00:00',
    vehicles,
    roadFactorBps: num(base?.roadFactorBps),
    expressSurchargeBps: num(base?.expressSurchargeBps),
    nightSurchargeBps: num(base?.nightSurchargeBps),
    weekendSurchargeBps: num(base?.weekendSurchargeBps),
    roundingUnitWon: num(base?.roundingUnitWon),
    note: '',
  };
}

/**
 * The request body of a form. Numbers the browser cannot read are sent as they were typed,
 * so the API names them in its field errors (the form shows those beside each field).
 */
export function ruleSetBody(form: RuleSetForm): Record<string, unknown> {
  const value = (s: string): number | string => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim());
  return {
    effectiveFrom: seoulInstant(form.date, form.time) ?? `${form.date}T${form.time}`,
    vehicles: Object.fromEntries(VEHICLE_TYPES.map((v) => [v, Object.fromEntries(TARIFF_FIELDS.map((f) => [f, value(form.vehicles[v][f])]))])),
    ...Object.fromEntries(RATE_FIELDS.map((f) => [f, value(form[f])])),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  };
}

/** Every field path of a rule set the API may name in an error, leaf paths first. */
export const RULE_SET_FIELDS: readonly string[] = [
  ...VEHICLE_TYPES.flatMap((v) => TARIFF_FIELDS.map((f) => `vehicles.${v}.${f}`)),
  ...VEHICLE_TYPES.map((v) => `vehicles.${v}`),
  'vehicles',
  'effectiveFrom',
  ...RATE_FIELDS,
  'note',
];

/** The page a list ends on once one more row is added (rows are oldest first). */
export function lastPage(total: number, limit: number): number {
  return Math.max(1, Math.ceil(total / limit));
}

/** What PATCH /admin/staff/:id takes: only the fields sent change (roles as the full new set). */
export interface StaffChanges {
  name?: string;
  roles?: string[];
  active?: boolean;
  password?: string;
}

/**
 * The body of an edit of a staff account's name and roles: only what differs from the
 * account (roles compared as a set, sent in `order`); empty when nothing does.
 */
export function staffEdit(
  current: { name: string; roles: readonly string[] },
  form: { name: string; roles: readonly string[] },
  order: readonly string[],
): Pick<StaffChanges, 'name' | 'roles'> {
  const name = form.name.trim();
  const roles = [...new Set(form.roles)].sort((a, b) => rank(order, a) - rank(order, b));
  const now = new Set(current.roles);
  const sameRoles = roles.length === now.size && roles.every((r) => now.has(r));
  return { ...(name !== current.name ? { name } : {}), ...(sameRoles ? {} : { roles }) };
}

const rank = (order: readonly string[], r: string) => (order.includes(r) ? order.indexOf(r) : order.length);

/** Letters and digits that cannot be misread for one another (no 0/O/o, 1/l/I). */
export const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/**
 * A random password for a reset (16 characters ≈ 93 bits), drawn without bias: bytes past the
 * last whole multiple of the alphabet's length are skipped.
 */
export function generatePassword(length = 16, randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const size = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % size);
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length)) if (b < limit && out.length < length) out += PASSWORD_ALPHABET[b % size];
  }
  return out;
}
