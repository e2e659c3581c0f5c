import { DomainError, ErrorDetail } from '@dure/common';
import type { LocationPoint } from '@dure/dispatch';
import { MAX_GEO_LATITUDE } from '../common/validators';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const POINT_FIELDS = new Set(['lat', 'lng', 'accuracyM', 'recordedAt']);
export const MAX_POINTS = 100;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The body of POST /courier/locations, checked by hand: it is the hottest write in the
 * API (every phone, every few seconds), and the generic DTO pipeline cost more than the
 * rest of the request. Same rules and the same error shape as LocationsDto.
 */
export function parseLocations(body: unknown): LocationPoint[] {
  const details: (ErrorDetail & { unknown?: boolean })[] = [];
  const fail = (field: string, reason: string, unknown = false) => details.push({ field, reason, unknown });
  const input: unknown = body ?? {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw DomainError.invalid('REQUEST.INVALID_BODY', 'The request body must be a JSON object', [{ field: 'body', reason: 'must be a JSON object' }]);
  }
  for (const key of Object.keys(input)) if (key !== 'points') fail(key, 'is not a known field', true);
  const points = (input as { points?: unknown }).points;
  const parsed: LocationPoint[] = [];
  if (points === undefined || points === null) fail('points', 'is required');
  else if (!Array.isArray(points)) fail('points', 'must be an array');
  else if (points.length < 1 || points.length > MAX_POINTS) fail('points', `must contain 1 to ${MAX_POINTS} points`);
  else {
    points.forEach((p: unknown, i) => {
      const at = `points.${i}`;
      if (typeof p !== 'object' || p === null || Array.isArray(p)) return fail(at, 'must be an object');
      const o = p as Record<string, unknown>;
      for (const key of Object.keys(o)) if (!POINT_FIELDS.has(key)) fail(`${at}.${key}`, 'is not a known field', true);
      if (!isNumber(o.lat) || Math.abs(o.lat) > MAX_GEO_LATITUDE) fail(`${at}.lat`, `must be a latitude between -${MAX_GEO_LATITUDE} and ${MAX_GEO_LATITUDE}`);
      if (!isNumber(o.lng) || Math.abs(o.lng) > 180) fail(`${at}.lng`, 'must be a longitude between -180 and 180');
      if (o.accuracyM !== undefined && o.accuracyM !== null && (!isNumber(o.accuracyM) || o.accuracyM < 0 || o.accuracyM > 100_000)) {
        fail(`${at}.accuracyM`, 'must be a number of metres from 0 to 100000');
      }
      const t = typeof o.recordedAt === 'string' && RFC3339.test(o.recordedAt) ? Date.parse(o.recordedAt) : NaN;
      if (!Number.isFinite(t)) fail(`${at}.recordedAt`, 'must be a date-time with an offset, such as 2026-11-22T09:30:00+09:00');
      parsed.push({ lat: o.lat as number, lng: o.lng as number, accuracyM: (o.accuracyM as number | undefined) ?? undefined, recordedAt: new Date(t) });
    });
  }
  if (details.length === 0) return parsed;
  const clean = details.map(({ field, reason }) => ({ field, reason }));
  if (details.every((d) => d.unknown)) throw DomainError.invalid('REQUEST.UNKNOWN_FIELD', 'The request has fields this endpoint does not accept', clean);
  throw DomainError.invalid('REQUEST.VALIDATION_FAILED', 'The request is not valid', clean);
}
