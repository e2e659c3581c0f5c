/**
 * A simulated working day of a courier fleet, offline, with the real ranking
 * (`rankCandidates`), fare (`quote`, seeded Daegu tariff) and Gini functions of the dispatch
 * library: how evenly do earnings spread, and how far do couriers ride to pickups, under
 * nearest-first versus the fair ranking? Seeded, so every run gives the same figures.
 *
 * Model: couriers roam Daegu while free (mostly in their neighbourhood); orders arrive
 * from 08:00 to 22:00 (lunch and evening peaks), three in four near a busy district;
 * each is offered to the free couriers within the radius (the 100 nearest, as the offer
 * engine asks Redis for), best-ranked first; an offer is declined with a small
 * probability and then goes to the next; the taker rides to the pickup and on to the
 * drop-off and is free again there. Earnings count as "earned today" once delivered.
 */
import { SEED_RULE_SET, gini, quote, rankCandidates, straightLineM } from '@dure/dispatch';
import { HOTSPOTS, LatLng, Rng, moveToward, randomPointInDaegu, randomPointNear, randomTripEnd } from '../../scripts/simulate/geo';

export interface FairnessSettings {
  couriers: number;
  orders: number;
  /** The business day simulated (a weekday: no weekend surcharge), Asia/Seoul. */
  day: string;
  startHour: number;
  endHour: number;
  radiusM: number;
  declineProb: number;
  seed: number;
}

export const DEFAULT_FAIRNESS: FairnessSettings = {
  couriers: 200,
  orders: 3000,
  day: '2026-11-18',
  startHour: 8,
  endHour: 22,
  radiusM: 5000,
  declineProb: 0.1,
  seed: 20200901,
};

/** Relative order volume per hour from 08:00 (lunch and evening peaks). */
const HOURLY_WEIGHT = [0.6, 0.9, 1.0, 1.3, 1.5, 1.2, 1.0, 1.0, 1.1, 1.3, 1.2, 0.9, 0.7, 0.5];
const NEAREST_LIMIT = 100;
const RIDE_KMH = 25; // average on city roads with traffic lights, door to door
const ROAM_KMH = 12;
const PICKUP_HANDLING_MS = 3 * 60_000;
const DROPOFF_HANDLING_MS = 2 * 60_000;
const ROAD_FACTOR = SEED_RULE_SET.roadFactorBps / 10_000;

interface SimOrder {
  at: number;
  pickup: LatLng;
  dropoff: LatLng;
  fareWon: number;
  roadDistanceM: number;
}

interface SimCourier {
  id: string;
  pos: LatLng;
  waypoint: LatLng;
  updatedAt: number;
  pausedUntil: number;
  freeAt: number;
  earnedWon: number;
  jobs: number;
  rng: Rng;
}

export interface PolicyResult {
  policy: string;
  fairnessWeightBps: number;
  ordersServed: number;
  ordersUnserved: number;
  declines: number;
  gini: number;
  pickupDistanceM: { median: number; p90: number; mean: number };
  couriersWithZeroJobs: number;
  jobsPerCourier: { min: number; median: number; max: number };
  earningsWon: { min: number; median: number; max: number; mean: number };
}

export interface FairnessResult {
  settings: FairnessSettings;
  orders: { count: number; fareWon: { min: number; median: number; max: number; mean: number } };
  policies: PolicyResult[];
}

/** The same order stream for every policy. */
function generateOrders(s: FairnessSettings): SimOrder[] {
  const rng = new Rng(s.seed);
  const dayStart = new Date(`${s.day}T${String(s.startHour).padStart(2, '0')}:00:00+09:00`).getTime();
  const hours = HOURLY_WEIGHT.slice(0, s.endHour - s.startHour).map((weight, hour) => ({ hour, weight }));
  const orders: SimOrder[] = [];
  for (let i = 0; i < s.orders; i++) {
    const { hour } = rng.weighted(hours);
    const at = dayStart + hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
    const pickup = rng.chance(0.75) ? randomPointNear(rng, rng.weighted(HOTSPOTS).at, 1500) : randomPointInDaegu(rng);
    const dropoff = randomTripEnd(rng, pickup, 800, 9000);
    const q = quote(SEED_RULE_SET, pickup, dropoff, 'motorcycle', rng.chance(0.15) ? 'express' : 'normal', new Date(at));
    orders.push({ at, pickup, dropoff, fareWon: q.fareWon, roadDistanceM: q.distanceM });
  }
  return orders.sort((a, b) => a.at - b.at);
}

/** Where couriers wait for work: half near a busy district, half wherever they live. */
function startingFleet(s: FairnessSettings, dayStart: number): SimCourier[] {
  const rng = new Rng(s.seed ^ 0x5eed);
  return Array.from({ length: s.couriers }, (_, i) => {
    const pos = rng.chance(0.5) ? randomPointNear(rng, rng.weighted(HOTSPOTS).at, 2000) : randomPointInDaegu(rng);
    const own = new Rng(s.seed + i * 7919);
    return {
      id: `c${String(i).padStart(3, '0')}`,
      pos,
      waypoint: randomPointNear(own, pos, 2500),
      updatedAt: dayStart,
      pausedUntil: dayStart + own.between(0, 30 * 60_000),
      freeAt: dayStart,
      earnedWon: 0,
      jobs: 0,
      rng: own,
    };
  });
}

/** Brings a free courier's position up to `t`: pausing at corners, roaming between them. */
function roam(c: SimCourier, t: number): void {
  if (t <= c.updatedAt) return;
  let now = Math.max(c.updatedAt, c.freeAt);
  while (now < t) {
    if (c.pausedUntil > now) {
      now = Math.min(t, c.pausedUntil);
      continue;
    }
    const metresLeft = ((t - now) / 1000) * ROAM_KMH * (1000 / 3600);
    const toWaypoint = straightLineM(c.pos, c.waypoint);
    const step = moveToward(c.pos, c.waypoint, metresLeft);
    c.pos = step.at;
    if (!step.arrived) {
      now = t;
      break;
    }
    now += (toWaypoint / (ROAM_KMH * (1000 / 3600))) * 1000;
    c.pausedUntil = now + c.rng.between(5, 30) * 60_000;
    c.waypoint = c.rng.chance(0.8) ? randomPointNear(c.rng, c.pos, 2000) : randomPointInDaegu(c.rng);
  }
  c.updatedAt = t;
}

function rideMs(metres: number): number {
  return (metres / (RIDE_KMH * (1000 / 3600))) * 1000;
}

function stats(values: number[]): { min: number; median: number; max: number; mean: number; p90: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : 0);
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  return { min: sorted[0] ?? 0, median: at(0.5), max: sorted[sorted.length - 1] ?? 0, mean, p90: at(0.9) };
}

function runPolicy(s: FairnessSettings, orders: SimOrder[], policy: string, fairnessWeightBps: number): PolicyResult {
  const dayStart = new Date(`${s.day}T${String(s.startHour).padStart(2, '0')}:00:00+09:00`).getTime();
  const fleet = startingFleet(s, dayStart);
  const byId = new Map(fleet.map((c) => [c.id, c]));
  const decisions = new Rng(s.seed ^ 0xdec1);
  const pickupDistances: number[] = [];
  let unserved = 0;
  let declines = 0;
  for (const order of orders) {
    const free: { memberId: string; distanceM: number; earnedTodayWon: number }[] = [];
    for (const c of fleet) {
      if (c.freeAt > order.at) continue;
      roam(c, order.at);
      const d = straightLineM(c.pos, order.pickup);
      if (d <= s.radiusM) free.push({ memberId: c.id, distanceM: Math.round(d), earnedTodayWon: c.earnedWon });
    }
    const nearest = free.sort((a, b) => a.distanceM - b.distanceM).slice(0, NEAREST_LIMIT);
    const ranked = rankCandidates(nearest, s.radiusM, fairnessWeightBps);
    const taker = ranked.find(() => {
      if (decisions.chance(s.declineProb)) {
        declines++;
        return false;
      }
      return true;
    });
    if (!taker) {
      unserved++;
      continue;
    }
    const c = byId.get(taker.memberId)!;
    pickupDistances.push(taker.distanceM);
    const deliveredAt = order.at + rideMs(taker.distanceM * ROAD_FACTOR) + PICKUP_HANDLING_MS + rideMs(order.roadDistanceM) + DROPOFF_HANDLING_MS;
    c.freeAt = deliveredAt;
    c.updatedAt = deliveredAt;
    c.pos = order.dropoff;
    c.pausedUntil = deliveredAt + c.rng.between(0, 10) * 60_000;
    c.waypoint = randomPointNear(c.rng, c.pos, 2000);
    // Counted as earned once delivered: the ranking only ever looks at free couriers.
    c.earnedWon += order.fareWon;
    c.jobs++;
  }
  const earnings = fleet.map((c) => c.earnedWon);
  const jobs = stats(fleet.map((c) => c.jobs));
  const pickup = stats(pickupDistances);
  return {
    policy,
    fairnessWeightBps,
    ordersServed: pickupDistances.length,
    ordersUnserved: unserved,
    declines,
    gini: gini(earnings),
    pickupDistanceM: { median: pickup.median, p90: pickup.p90, mean: Math.round(pickup.mean) },
    couriersWithZeroJobs: fleet.filter((c) => c.jobs === 0).length,
    jobsPerCourier: { min: jobs.min, median: jobs.median, max: jobs.max },
    earningsWon: (({ min, median, max, mean }) => ({ min, median, max, mean: Math.round(mean) }))(stats(earnings)),
  };
}

export function simulateFairness(settings: FairnessSettings = DEFAULT_FAIRNESS): FairnessResult {
  const orders = generateOrders(settings);
  const fares = stats(orders.map((o) => o.fareWon));
  return {
    settings,
    orders: { count: orders.length, fareWon: { min: fares.min, median: fares.median, max: fares.max, mean: Math.round(fares.mean) } },
    policies: [runPolicy(settings, orders, 'nearest-first', 0), runPolicy(settings, orders, 'fair (default)', 5000)],
  };
}
