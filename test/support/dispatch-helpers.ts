import type { INestApplicationContext } from '@nestjs/common';
import type { Clock } from '@dure/common';
import type { TestEnv } from '@dure/testing';
import { createWorkerApp } from '../../apps/worker/src/worker.app';
import { API, ApiHarness, bearer } from './api-harness';

/** Daegu landmarks for realistic trips. */
export const DAEGU = {
  dongseongno: { lat: 35.8693, lng: 128.5961 },
  banwoldang: { lat: 35.8655, lng: 128.5935 },
  suseongLake: { lat: 35.8276, lng: 128.6183 },
  dongdaegu: { lat: 35.8797, lng: 128.6286 },
  seongseo: { lat: 35.8264, lng: 128.5291 },
  // Far apart (more than the tests' 3 km radius), so each test's couriers are its own.
  chilgok: { lat: 35.943, lng: 128.553 },
  ansim: { lat: 35.871, lng: 128.72 },
  dalseong: { lat: 35.774, lng: 128.431 },
  gunwi: { lat: 36.1, lng: 128.6 },
  hwawon: { lat: 35.8, lng: 128.5 },
};

export function stop(point: { lat: number; lng: number }, address = '대구 중구 동성로 1') {
  return { address, lat: point.lat, lng: point.lng, contactName: '김연락', contactPhone: '053-123-4567' };
}

export function orderBody(overrides: object = {}) {
  return {
    pickup: stop(DAEGU.dongseongno),
    dropoff: stop(DAEGU.suseongLake, '대구 수성구 무학로 1'),
    itemDescription: '서류 봉투',
    vehicleType: 'motorcycle',
    urgency: 'normal',
    paymentMethod: 'cash',
    ...overrides,
  };
}

/** A metre-scale offset east of a point (≈ metres at Daegu's latitude). */
export function eastOf(point: { lat: number; lng: number }, metres: number) {
  return { lat: point.lat, lng: point.lng + metres / (111_320 * Math.cos((point.lat * Math.PI) / 180)) };
}

export interface OnlineCourier {
  memberId: string;
  token: string;
  phone: string;
}

/** An active courier, online, last seen at `where` (at the clock's now). */
export async function onlineCourier(h: ApiHarness, where: { lat: number; lng: number }, opts: { vehicleType?: string; now?: Date } = {}): Promise<OnlineCourier> {
  const c = await h.activeCourier(opts.vehicleType ? { vehicleType: opts.vehicleType } : {});
  await h.http().put(`${API}/courier/presence`).set(bearer(c.token)).send({ online: true }).expect(200);
  await h
    .http()
    .post(`${API}/courier/locations`)
    .set(bearer(c.token))
    .send({ points: [{ ...where, accuracyM: 5, recordedAt: (opts.now ?? new Date()).toISOString() }] })
    .expect(202);
  return { memberId: c.memberId, token: c.token, phone: c.body.phone };
}

export async function startWorker(env: TestEnv, clock?: Clock): Promise<INestApplicationContext> {
  return createWorkerApp(env.config, { clock });
}
