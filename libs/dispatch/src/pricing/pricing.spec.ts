import { SEED_RULE_SET, quote, roundUpToUnit, straightLineM } from './pricing';

// Daegu: Dongseongno (downtown) and Suseong Lake.
const DONGSEONGNO = { lat: 35.8693, lng: 128.5961 };
const SUSEONG_LAKE = { lat: 35.8276, lng: 128.6183 };
// A Wednesday, 14:00 in Seoul.
const WEDNESDAY_AFTERNOON = new Date('2026-11-18T14:00:00+09:00');

describe('pricing', () => {
  it('measures straight-line distance in metres', () => {
    expect(Math.round(straightLineM(DONGSEONGNO, SUSEONG_LAKE))).toBe(5050);
    expect(straightLineM(DONGSEONGNO, DONGSEONGNO)).toBe(0);
  });

  it('charges base + pro-rata per-km beyond the base distance, rounded up to 1,000 won; the breakdown adds up', () => {
    const q = quote(SEED_RULE_SET, DONGSEONGNO, SUSEONG_LAKE, 'motorcycle', 'normal', WEDNESDAY_AFTERNOON);
    // 5,050 m × 1.3 = 6,565 m; 3,565 m beyond 3 km at 700/km = 2,495.5 → 2,496 won.
    expect(q.distanceM).toBe(6565);
    expect(q.breakdown).toEqual([
      { kind: 'base', amountWon: 4000 },
      { kind: 'distance', amountWon: 2496 },
      { kind: 'rounding', amountWon: 504 },
    ]);
    expect(q.fareWon).toBe(7000);
    expect(q.breakdown.reduce((s, b) => s + b.amountWon, 0)).toBe(q.fareWon);
  });

  it('a trip inside the base distance costs the base fare', () => {
    const q = quote(SEED_RULE_SET, DONGSEONGNO, { lat: 35.8703, lng: 128.5971 }, 'damas', 'normal', WEDNESDAY_AFTERNOON);
    expect(q.fareWon).toBe(15000);
    expect(q.breakdown).toEqual([
      { kind: 'base', amountWon: 15000 },
      { kind: 'distance', amountWon: 0 },
    ]);
  });

  it('adds express, night and weekend surcharges on the subtotal', () => {
    // Saturday 23:30 in Seoul = Saturday 14:30 UTC.
    const saturdayNight = new Date('2026-11-21T23:30:00+09:00');
    const q = quote(SEED_RULE_SET, DONGSEONGNO, SUSEONG_LAKE, 'motorcycle', 'express', saturdayNight);
    // Subtotal 6,496: express 50% = 3,248, night 20% = 1,299.2 → 1,299, weekend 10% = 649.6 → 649.
    expect(q.breakdown).toEqual([
      { kind: 'base', amountWon: 4000 },
      { kind: 'distance', amountWon: 2496 },
      { kind: 'express', amountWon: 3248 },
      { kind: 'night', amountWon: 1299 },
      { kind: 'weekend', amountWon: 649 },
      { kind: 'rounding', amountWon: 308 },
    ]);
    expect(q.fareWon).toBe(12000);
  });

  it('night is 22:00 to 06:00 Seoul time, whatever the server time zone', () => {
    const at = (iso: string) => quote(SEED_RULE_SET, DONGSEONGNO, SUSEONG_LAKE, 'motorcycle', 'normal', new Date(iso)).breakdown.map((b) => b.kind);
    expect(at('2026-11-18T21:59:59+09:00')).not.toContain('night');
    expect(at('2026-11-18T22:00:00+09:00')).toContain('night');
    expect(at('2026-11-19T05:59:59+09:00')).toContain('night');
    expect(at('2026-11-19T06:00:00+09:00')).not.toContain('night');
    // Friday 23:00 UTC is already Saturday in Seoul.
    expect(at('2026-11-20T23:00:00Z')).toContain('weekend');
  });

  it('rounds up to the unit, never down', () => {
    expect(roundUpToUnit(7000, 1000)).toBe(7000);
    expect(roundUpToUnit(7001, 1000)).toBe(8000);
    expect(roundUpToUnit(7001, 500)).toBe(7500);
    expect(roundUpToUnit(7001, 1)).toBe(7001);
  });
});
