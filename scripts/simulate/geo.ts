/**
 * Daegu geometry for the simulator: the box couriers roam in, the places where orders
 * start, distances and movement, and a seeded PRNG so a run can be repeated.
 */
import { seededRandom } from '@dure/common';

export interface LatLng {
  lat: number;
  lng: number;
}

/** Roughly the city of Daegu (urban area), where simulated couriers and orders stay. */
export const DAEGU_BOUNDS = { minLat: 35.8, maxLat: 35.95, minLng: 128.5, maxLng: 128.7 } as const;

/** Where business clients cluster; orders start near one of these most of the time. */
export const HOTSPOTS: readonly { name: string; address: string; at: LatLng; weight: number }[] = [
  { name: '동성로', address: '대구 중구 동성로', at: { lat: 35.8693, lng: 128.5961 }, weight: 5 },
  { name: '반월당', address: '대구 중구 달구벌대로', at: { lat: 35.8655, lng: 128.5935 }, weight: 4 },
  { name: '동대구역', address: '대구 동구 동대구로', at: { lat: 35.8797, lng: 128.6286 }, weight: 3 },
  { name: '수성못', address: '대구 수성구 무학로', at: { lat: 35.8276, lng: 128.6183 }, weight: 2 },
  { name: '범어', address: '대구 수성구 달구벌대로', at: { lat: 35.8592, lng: 128.6251 }, weight: 3 },
  { name: '서문시장', address: '대구 중구 큰장로', at: { lat: 35.8689, lng: 128.5806 }, weight: 2 },
  { name: '칠곡', address: '대구 북구 칠곡중앙대로', at: { lat: 35.9350, lng: 128.5530 }, weight: 1 },
  { name: '성서', address: '대구 달서구 성서공단로', at: { lat: 35.8264, lng: 128.5291 }, weight: 2 },
  { name: '복현', address: '대구 북구 복현로', at: { lat: 35.8925, lng: 128.6150 }, weight: 1 },
  { name: '안심', address: '대구 동구 안심로', at: { lat: 35.8710, lng: 128.6950 }, weight: 1 },
];

const EARTH_RADIUS_M = 6_371_008.8;
const M_PER_DEG_LAT = 111_320;

/** Great-circle distance in metres. */
export function distanceM(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A point `metres` away from `from` in direction `bearingRad` (0 = north), on a flat local map. */
export function offset(from: LatLng, metres: number, bearingRad: number): LatLng {
  const dLat = (metres * Math.cos(bearingRad)) / M_PER_DEG_LAT;
  const dLng = (metres * Math.sin(bearingRad)) / (M_PER_DEG_LAT * Math.cos((from.lat * Math.PI) / 180));
  return { lat: from.lat + dLat, lng: from.lng + dLng };
}

export function clampToDaegu(p: LatLng): LatLng {
  return {
    lat: Math.min(DAEGU_BOUNDS.maxLat, Math.max(DAEGU_BOUNDS.minLat, p.lat)),
    lng: Math.min(DAEGU_BOUNDS.maxLng, Math.max(DAEGU_BOUNDS.minLng, p.lng)),
  };
}

/** Moves up to `metres` from `from` towards `to`; `arrived` once the target is reached. */
export function moveToward(from: LatLng, to: LatLng, metres: number): { at: LatLng; arrived: boolean } {
  const d = distanceM(from, to);
  if (d <= metres || d < 1) return { at: { ...to }, arrived: true };
  const f = metres / d;
  return { at: { lat: from.lat + (to.lat - from.lat) * f, lng: from.lng + (to.lng - from.lng) * f }, arrived: false };
}

/** Draws for the simulation from `seededRandom` (mulberry32), so a run repeats from its seed. */
export class Rng {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  next(): number {
    return this.random();
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, maxInclusive: number): number {
    return Math.floor(this.between(min, maxInclusive + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T extends { weight: number }>(items: readonly T[]): T {
    const total = items.reduce((s, i) => s + i.weight, 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= item.weight;
      if (r < 0) return item;
    }
    return items[items.length - 1];
  }

  /** Exponentially distributed (Poisson arrivals) with this mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A new generator derived from this one (so each agent has its own stream). */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 2 ** 32));
  }
}

export function randomPointInDaegu(rng: Rng): LatLng {
  return { lat: rng.between(DAEGU_BOUNDS.minLat, DAEGU_BOUNDS.maxLat), lng: rng.between(DAEGU_BOUNDS.minLng, DAEGU_BOUNDS.maxLng) };
}

/** Uniformly inside a disc of `radiusM` around `center`, kept inside Daegu. */
export function randomPointNear(rng: Rng, center: LatLng, radiusM: number): LatLng {
  return clampToDaegu(offset(center, radiusM * Math.sqrt(rng.next()), rng.between(0, 2 * Math.PI)));
}

/** A destination between `minM` and `maxM` from `from` (straight line), inside Daegu. */
export function randomTripEnd(rng: Rng, from: LatLng, minM: number, maxM: number): LatLng {
  for (let attempt = 0; attempt < 20; attempt++) {
    const p = offset(from, rng.between(minM, maxM), rng.between(0, 2 * Math.PI));
    if (p.lat >= DAEGU_BOUNDS.minLat && p.lat <= DAEGU_BOUNDS.maxLat && p.lng >= DAEGU_BOUNDS.minLng && p.lng <= DAEGU_BOUNDS.maxLng) return p;
  }
  return clampToDaegu(offset(from, minM, rng.between(0, 2 * Math.PI)));
}
