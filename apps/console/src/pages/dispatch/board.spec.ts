import type { Offer } from '../orders/api';
import { activeJobs, currentOffer, distanceM, feedEntry, formatCountdown, minutesSince, rankCouriers, secondsLeft, tileAttribution, upsertOrder, type CourierRow, type FeedOrder } from './board';

const page = (items: { id: string; status: string }[]) => ({ items, total: items.length, page: 1, limit: 100 });

describe('upsertOrder', () => {
  it('adds an order that now has the status at the top, and replaces one already there', () => {
    const p = page([{ id: 'a', status: 'requested' }]);
    expect(upsertOrder(p, { id: 'b', status: 'requested' }, 'requested')).toEqual({ ...p, items: [{ id: 'b', status: 'requested' }, { id: 'a', status: 'requested' }], total: 2 });
    const replaced = upsertOrder(p, { id: 'a', status: 'requested', x: 1 } as { id: string; status: string }, 'requested');
    expect(replaced?.items).toEqual([{ id: 'a', status: 'requested', x: 1 }]);
    expect(replaced?.total).toBe(1);
  });

  it('removes an order that left the status, and leaves other pages alone', () => {
    const p = page([{ id: 'a', status: 'requested' }]);
    expect(upsertOrder(p, { id: 'a', status: 'assigned' }, 'requested')).toEqual({ ...p, items: [], total: 0 });
    expect(upsertOrder(p, { id: 'z', status: 'assigned' }, 'requested')).toBe(p);
    expect(upsertOrder(undefined, { id: 'a', status: 'requested' }, 'requested')).toBeUndefined();
  });
});

describe('currentOffer', () => {
  const now = Date.parse('2026-11-22T05:00:00Z');
  const offer = (memberId: string, status: string, offeredSecAgo: number, expiresInSec: number): Offer => ({
    memberId,
    status,
    distanceM: 100,
    offeredAt: new Date(now - offeredSecAgo * 1000).toISOString(),
    expiresAt: new Date(now + expiresInSec * 1000).toISOString(),
    respondedAt: null,
  });

  it('is live until its expiry, then timed out by the clock even before the server says so', () => {
    expect(currentOffer([offer('m1', 'offered', 5, 25)], null, now)).toEqual({ memberId: 'm1', expiresAt: new Date(now + 25_000).toISOString(), state: 'live', timedOutBefore: 0 });
    expect(currentOffer([offer('m1', 'offered', 31, -1)], null, now)?.state).toBe('timedOut');
    expect(currentOffer([offer('m1', 'expired', 31, -1)], null, now)?.state).toBe('timedOut');
  });

  it('takes the latest offer and counts the ones that lapsed before it', () => {
    const got = currentOffer([offer('m2', 'offered', 3, 27), offer('m1', 'expired', 33, -3)], null, now);
    expect(got).toMatchObject({ memberId: 'm2', state: 'live', timedOutBefore: 1 });
  });

  it('uses a stream hint newer than the detail, but not twice', () => {
    const hint = { memberId: 'm2', expiresAt: new Date(now + 30_000).toISOString(), offeredAt: new Date(now).toISOString() };
    expect(currentOffer([offer('m1', 'expired', 30, 0)], hint, now)).toMatchObject({ memberId: 'm2', state: 'live', timedOutBefore: 1 });
    expect(currentOffer([offer('m2', 'offered', 0, 30)], hint, now)).toMatchObject({ memberId: 'm2', state: 'live', timedOutBefore: 0 });
  });

  it('shows nothing for no offers or a withdrawn one', () => {
    expect(currentOffer(undefined, null, now)).toBeNull();
    expect(currentOffer([offer('m1', 'withdrawn', 5, 25)], null, now)).toBeNull();
    expect(currentOffer([offer('m1', 'declined', 5, 25)], null, now)?.state).toBe('declined');
  });
});

describe('clocks', () => {
  it('counts down in whole seconds and formats m:ss', () => {
    const now = Date.parse('2026-11-22T05:00:00Z');
    expect(secondsLeft('2026-11-22T05:00:29.200Z', now)).toBe(30);
    expect(secondsLeft('2026-11-22T14:00:05+09:00', now)).toBe(5);
    expect(secondsLeft('2026-11-22T04:59:00Z', now)).toBe(0);
    expect(formatCountdown(27)).toBe('0:27');
    expect(formatCountdown(725)).toBe('12:05');
    expect(minutesSince('2026-11-22T04:57:30Z', now)).toBe(2);
    expect(minutesSince(null, now)).toBeNull();
  });
});

describe('couriers', () => {
  const dongseongno = { lat: 35.8693, lng: 128.5961 };
  const courier = (memberId: string, name: string, vehicleType: string, at: { lat: number; lng: number } | null): CourierRow => ({
    memberId,
    memberNo: null,
    name,
    vehicleType,
    lat: at?.lat ?? null,
    lng: at?.lng ?? null,
    seenAt: null,
  });

  it('measures great-circle distances', () => {
    expect(distanceM(dongseongno, dongseongno)).toBe(0);
    // Dongseong-ro to Suseong Lake: about 5 km.
    expect(distanceM(dongseongno, { lat: 35.8276, lng: 128.6183 })).toBeGreaterThan(4800);
    expect(distanceM(dongseongno, { lat: 35.8276, lng: 128.6183 })).toBeLessThan(5200);
  });

  it('ranks the right vehicle first, then free before busy, then nearest; by name without an order', () => {
    const couriers = [
      courier('far', '가', 'motorcycle', { lat: 35.9, lng: 128.6 }),
      courier('near', '나', 'motorcycle', { lat: 35.87, lng: 128.596 }),
      courier('truck', '다', 'truck_1t', dongseongno),
      courier('busy', '라', 'motorcycle', dongseongno),
      courier('nowhere', '마', 'motorcycle', null),
    ];
    const jobs = activeJobs([{ assignedMemberId: 'busy' }, { assignedMemberId: null }]);
    const ranked = rankCouriers(couriers, { vehicleType: 'motorcycle', pickup: { ...dongseongno, address: '', contactName: '', contactPhone: '' } }, jobs);
    expect(ranked.map((c) => c.memberId)).toEqual(['near', 'far', 'nowhere', 'busy', 'truck']);
    expect(ranked.find((c) => c.memberId === 'truck')?.fits).toBe(false);
    expect(ranked.find((c) => c.memberId === 'busy')?.jobs).toBe(1);
    expect(rankCouriers(couriers, null, jobs).map((c) => c.name)).toEqual(['가', '나', '다', '라', '마']);
  });
});

describe('feedEntry', () => {
  const at = new Date('2026-11-22T05:00:00Z');
  const order = (over: Partial<FeedOrder>) => ({ orderNo: 7, status: 'requested', createdAt: '2026-11-22T13:59:58+09:00', assignedMemberId: null, ...over }) as FeedOrder;
  it('says what happened', () => {
    expect(feedEntry('order_changed', order({}), at, 'k').kind).toBe('created');
    expect(feedEntry('order_changed', order({ offeredTo: 'm1', offerExpiresAt: 'x' }), at, 'k')).toMatchObject({ kind: 'offered', memberId: 'm1' });
    expect(feedEntry('order_changed', order({ status: 'assigned', assignedMemberId: 'm2' }), at, 'k')).toMatchObject({ kind: 'assigned', memberId: 'm2' });
    expect(feedEntry('order_unassigned', order({}), at, 'k').kind).toBe('unassigned');
    expect(feedEntry('order_changed', order({ createdAt: '2026-11-22T13:00:00+09:00' }), at, 'k').kind).toBe('changed');
  });
});

describe('tileAttribution', () => {
  it('credits OpenStreetMap for its own tiles only', () => {
    for (const osm of ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', '//tile.openstreetmap.org/{z}/{x}/{y}.png', 'HTTPS://Tile.OpenStreetMap.org:443/{z}/{x}/{y}.png']) {
      expect(tileAttribution(osm)).toContain('OpenStreetMap');
    }
    for (const other of ['', '/tiles/{z}/{x}/{y}.png', 'https://tiles.example.com/{z}/{x}/{y}.png', 'https://openstreetmap.org.example.com/{z}/{x}/{y}.png', 'https://example.com/tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org@evil.example/{z}/{x}/{y}.png']) {
      expect(tileAttribution(other)).toBeUndefined();
    }
  });
});
