import { DomainError } from '@dure/common';
import { parseLocations } from './locations.parser';

const now = '2026-11-22T09:30:00+09:00';
const fields = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { code: (err as DomainError).code, fields: (err as DomainError).details.map((d) => d.field) };
  }
  return undefined;
};

describe('parseLocations', () => {
  it('reads valid points', () => {
    expect(parseLocations({ points: [{ lat: 35.87, lng: 128.59, accuracyM: 5, recordedAt: now }] })).toEqual([
      { lat: 35.87, lng: 128.59, accuracyM: 5, recordedAt: new Date(now) },
    ]);
  });

  it.each([
    [{}, 'REQUEST.VALIDATION_FAILED', ['points']],
    [{ points: 'x' }, 'REQUEST.VALIDATION_FAILED', ['points']],
    [{ points: [] }, 'REQUEST.VALIDATION_FAILED', ['points']],
    [{ points: [{ lat: 91, lng: 200, recordedAt: 'later' }] }, 'REQUEST.VALIDATION_FAILED', ['points.0.lat', 'points.0.lng', 'points.0.recordedAt']],
    [{ points: [{ lat: '35', lng: 128, recordedAt: now }] }, 'REQUEST.VALIDATION_FAILED', ['points.0.lat']],
    [{ points: [{ lat: 35, lng: 128, recordedAt: '2026-W47-1' }] }, 'REQUEST.VALIDATION_FAILED', ['points.0.recordedAt']],
    [{ points: [{ lat: 35, lng: 128, recordedAt: now, speed: 3 }] }, 'REQUEST.UNKNOWN_FIELD', ['points.0.speed']],
    [{ points: [{ lat: 35, lng: 128, recordedAt: now }], extra: 1 }, 'REQUEST.UNKNOWN_FIELD', ['extra']],
    [[1, 2], 'REQUEST.INVALID_BODY', ['body']],
  ])('%j → %s naming %j', (body, code, names) => {
    expect(fields(() => parseLocations(body))).toEqual({ code, fields: names });
  });
});
