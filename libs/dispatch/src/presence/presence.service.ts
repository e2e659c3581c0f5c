import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { RedisClient } from '@dure/queue';
import type { Point, VehicleType } from '../pricing/pricing';

export interface LocationPoint {
  lat: number;
  lng: number;
  accuracyM?: number;
  recordedAt: Date;
}

export interface CourierPosition {
  memberId: string;
  online: boolean;
  vehicleType: VehicleType | null;
  lat: number | null;
  lng: number | null;
  seenAt: number | null;
}

export interface NearbyCourier {
  memberId: string;
  distanceM: number;
}

/** Name of the Redis stream the track writer drains into Postgres. */
export const TRACK_STREAM = 'locations';

/**
 * One round trip per location report: append the points to the track stream and, if the
 * newest point is newer than the last known position (a retried old buffer must not move
 * the courier back in time), update the position and, while online, the live map (GEO set
 * of their vehicle).
 */
const INGEST_SCRIPT = `
local online = redis.call('HGET', KEYS[1], 'online')
local seen = tonumber(redis.call('HGET', KEYS[1], 'seenAt') or '0')
redis.call('XADD', KEYS[3], 'MAXLEN', '~', '2000000', '*', 'm', ARGV[1], 'p', ARGV[5])
if tonumber(ARGV[4]) > seen then
  redis.call('HSET', KEYS[1], 'lat', ARGV[2], 'lng', ARGV[3], 'seenAt', ARGV[4], 'vehicle', ARGV[6])
  if online == '1' then redis.call('GEOADD', KEYS[2], ARGV[3], ARGV[2], ARGV[1]) end
end
redis.call('EXPIRE', KEYS[1], ARGV[7])
return online
`;

/**
 * Who is online, where, and on what vehicle: live state in Redis, shared by every process.
 * Positions older than the stale limit do not count.
 */
@Injectable()
export class PresenceService {
  private readonly staleMs: number;
  private readonly keyTtlSec: number;

  constructor(
    private readonly redis: RedisClient,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.staleMs = config.dispatch.presenceStaleSec * 1000;
    this.keyTtlSec = 24 * 3600;
    this.redis.client.defineCommand('dureIngestLocation', { numberOfKeys: 3, lua: INGEST_SCRIPT });
  }

  private presenceKey(memberId: string): string {
    return `presence:${memberId}`;
  }

  private geoKey(vehicle: VehicleType): string {
    return `geo:${vehicle}`;
  }

  async setOnline(memberId: string, vehicle: VehicleType, online: boolean, now: number): Promise<void> {
    const pipeline = this.redis.client.multi().hset(this.presenceKey(memberId), 'online', online ? '1' : '0', 'vehicle', vehicle, 'changedAt', String(now));
    pipeline.expire(this.presenceKey(memberId), this.keyTtlSec);
    if (!online) pipeline.zrem(this.geoKey(vehicle), memberId);
    else {
      // Back on the map at the last known position, if there is a fresh one.
      const pos = await this.position(memberId);
      if (pos.lat !== null && pos.lng !== null && pos.seenAt !== null && now - pos.seenAt <= this.staleMs) {
        pipeline.geoadd(this.geoKey(vehicle), pos.lng, pos.lat, memberId);
      }
    }
    await pipeline.exec();
  }

  /** Records reported points; returns whether the courier is online. */
  async ingest(memberId: string, vehicle: VehicleType, points: LocationPoint[]): Promise<boolean> {
    const latest = points.reduce((a, b) => (b.recordedAt > a.recordedAt ? b : a));
    const payload = JSON.stringify(points.map((p) => [p.recordedAt.getTime(), p.lat, p.lng, p.accuracyM ?? null]));
    const online = await (this.redis.client as unknown as { dureIngestLocation: (...args: (string | number)[]) => Promise<string | null> }).dureIngestLocation(
      this.presenceKey(memberId),
      this.geoKey(vehicle),
      TRACK_STREAM,
      memberId,
      latest.lat,
      latest.lng,
      latest.recordedAt.getTime(),
      payload,
      vehicle,
      this.keyTtlSec,
    );
    return online === '1';
  }

  async position(memberId: string): Promise<CourierPosition> {
    const h = await this.redis.client.hgetall(this.presenceKey(memberId));
    return {
      memberId,
      online: h.online === '1',
      vehicleType: (h.vehicle as VehicleType) ?? null,
      lat: h.lat ? Number(h.lat) : null,
      lng: h.lng ? Number(h.lng) : null,
      seenAt: h.seenAt ? Number(h.seenAt) : null,
    };
  }

  /** Several couriers' positions in one round trip. */
  async positions(memberIds: string[]): Promise<CourierPosition[]> {
    if (memberIds.length === 0) return [];
    const pipeline = this.redis.client.pipeline();
    for (const id of memberIds) pipeline.hmget(this.presenceKey(id), 'online', 'vehicle', 'lat', 'lng', 'seenAt');
    const res = (await pipeline.exec()) ?? [];
    return memberIds.map((memberId, i) => {
      const [online, vehicle, lat, lng, seenAt] = (res[i]?.[1] as (string | null)[] | undefined) ?? [];
      return {
        memberId,
        online: online === '1',
        vehicleType: (vehicle as VehicleType | null) ?? null,
        lat: lat ? Number(lat) : null,
        lng: lng ? Number(lng) : null,
        seenAt: seenAt ? Number(seenAt) : null,
      };
    });
  }

  /** Online, fresh, within the radius, nearest first. */
  async nearby(point: Point, vehicle: VehicleType, radiusM: number, now: number, limit = 50): Promise<NearbyCourier[]> {
    const raw = (await this.redis.client.geosearch(this.geoKey(vehicle), 'FROMLONLAT', point.lng, point.lat, 'BYRADIUS', radiusM, 'm', 'ASC', 'COUNT', limit * 2, 'WITHDIST')) as [string, string][];
    if (raw.length === 0) return [];
    const pipeline = this.redis.client.pipeline();
    for (const [id] of raw) pipeline.hmget(this.presenceKey(id), 'online', 'seenAt');
    const states = (await pipeline.exec()) ?? [];
    const found: NearbyCourier[] = [];
    const stale: string[] = [];
    raw.forEach(([memberId, dist], i) => {
      const [online, seenAt] = (states[i]?.[1] as (string | null)[]) ?? [];
      if (online === '1' && seenAt && now - Number(seenAt) <= this.staleMs) found.push({ memberId, distanceM: Math.round(Number(dist)) });
      else stale.push(memberId);
    });
    if (stale.length) await this.redis.client.zrem(this.geoKey(vehicle), ...stale);
    return found.slice(0, limit);
  }

  isFresh(pos: CourierPosition, now: number): boolean {
    return pos.online && pos.seenAt !== null && now - pos.seenAt <= this.staleMs;
  }

  /** Couriers online on the map per vehicle (for the console). */
  async onlineCount(vehicles: readonly VehicleType[]): Promise<Record<string, number>> {
    const pipeline = this.redis.client.pipeline();
    for (const v of vehicles) pipeline.zcard(this.geoKey(v));
    const res = (await pipeline.exec()) ?? [];
    return Object.fromEntries(vehicles.map((v, i) => [v, Number(res[i]?.[1] ?? 0)]));
  }
}
