import { seoulHourAndWeekday } from '@dure/common';

export type VehicleType = 'motorcycle' | 'damas' | 'labo' | 'truck_1t';
export type Urgency = 'normal' | 'express';

export interface VehicleTariff {
  baseFareWon: number;
  baseDistanceM: number;
  perKmWon: number;
}

export interface RuleSet {
  id: string;
  effectiveFrom: Date;
  vehicles: Record<VehicleType, VehicleTariff>;
  roadFactorBps: number;
  expressSurchargeBps: number;
  nightSurchargeBps: number;
  weekendSurchargeBps: number;
  roundingUnitWon: number;
}

/**
 * The seeded Daegu tariff (from 2020-09-01): the same figures the dispatch migration
 * (`1763900000000-dispatch`) inserts as the first pricing rule set. It mirrors that seed
 * for code that prices without a database (simulations, specs); keep the two in step.
 */
export const SEED_RULE_SET: RuleSet = {
  id: 'seed',
  effectiveFrom: new Date('2020-09-01T00:00:00+09:00'),
  vehicles: {
    motorcycle: { baseFareWon: 4000, baseDistanceM: 3000, perKmWon: 700 },
    damas: { baseFareWon: 15000, baseDistanceM: 5000, perKmWon: 1000 },
    labo: { baseFareWon: 18000, baseDistanceM: 5000, perKmWon: 1100 },
    truck_1t: { baseFareWon: 25000, baseDistanceM: 5000, perKmWon: 1300 },
  },
  roadFactorBps: 13_000,
  expressSurchargeBps: 5000,
  nightSurchargeBps: 2000,
  weekendSurchargeBps: 1000,
  roundingUnitWon: 1000,
};

export interface Point {
  lat: number;
  lng: number;
}

export type BreakdownKind = 'base' | 'distance' | 'express' | 'night' | 'weekend' | 'rounding';

export interface Quote {
  fareWon: number;
  distanceM: number;
  breakdown: { kind: BreakdownKind; amountWon: number }[];
  ruleSetId: string;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres. */
export function straightLineM(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A surcharge in basis points of the distance fare, truncated to the won. */
function surchargeWon(subtotalWon: number, bps: number): number {
  return Math.floor((subtotalWon * bps) / 10_000);
}

/** Rounds a fare up to the rule set's unit (default 1,000 won). */
export function roundUpToUnit(won: number, unit: number): number {
  return Math.ceil(won / unit) * unit;
}

/**
 * The fare of a trip under a rule set: base fare of the vehicle, plus per-km beyond the
 * base distance (straight line × road factor; per-km charged pro rata, rounded up to the
 * won), plus express / night / weekend surcharges on that subtotal, rounded up to the unit.
 * The breakdown always adds up to the fare.
 */
export function quote(rules: RuleSet, pickup: Point, dropoff: Point, vehicle: VehicleType, urgency: Urgency, at: Date): Quote {
  const tariff = rules.vehicles[vehicle];
  const distanceM = Math.round((straightLineM(pickup, dropoff) * rules.roadFactorBps) / 10_000);
  const extraM = Math.max(0, distanceM - tariff.baseDistanceM);
  const distanceWon = Math.ceil((extraM * tariff.perKmWon) / 1000);
  const subtotal = tariff.baseFareWon + distanceWon;
  const breakdown: Quote['breakdown'] = [
    { kind: 'base', amountWon: tariff.baseFareWon },
    { kind: 'distance', amountWon: distanceWon },
  ];
  // Night is 22:00-06:00 and the weekend Saturday and Sunday, both in Asia/Seoul.
  const { hour, weekday } = seoulHourAndWeekday(at);
  if (urgency === 'express') breakdown.push({ kind: 'express', amountWon: surchargeWon(subtotal, rules.expressSurchargeBps) });
  if (hour >= 22 || hour < 6) breakdown.push({ kind: 'night', amountWon: surchargeWon(subtotal, rules.nightSurchargeBps) });
  if (weekday === 0 || weekday === 6) breakdown.push({ kind: 'weekend', amountWon: surchargeWon(subtotal, rules.weekendSurchargeBps) });
  const sum = breakdown.reduce((s, b) => s + b.amountWon, 0);
  const fareWon = roundUpToUnit(sum, rules.roundingUnitWon);
  if (fareWon > sum) breakdown.push({ kind: 'rounding', amountWon: fareWon - sum });
  return { fareWon, distanceM, breakdown, ruleSetId: rules.id };
}
