import { hourBars, peakHour, seoulHour } from './model';

describe('today: deliveries per hour', () => {
  it('always gives 24 bars, filling missing hours with zero and ignoring odd ones', () => {
    const bars = hourBars(
      [
        { hour: 0, deliveries: 1 },
        { hour: 9, deliveries: 2 },
        { hour: 24, deliveries: 5 },
        { hour: -1, deliveries: 5 },
        { hour: 1.5, deliveries: 5 },
      ],
      null,
    );
    expect(bars).toHaveLength(24);
    expect(bars.map((b) => b.deliveries).reduce((s, n) => s + n, 0)).toBe(3);
    expect(bars[9]).toEqual({ hour: 9, label: '09', deliveries: 2, phase: 'past' });
    expect(bars[23].label).toBe('23');
  });

  it('marks the hour still filling and the hours to come', () => {
    const bars = hourBars([], 14);
    expect(bars[13].phase).toBe('past');
    expect(bars[14].phase).toBe('current');
    expect(bars[15].phase).toBe('future');
  });

  it('finds the busiest hour, the earliest of equals, none on a quiet day', () => {
    expect(peakHour(hourBars([], 3))).toBeNull();
    expect(peakHour(hourBars([{ hour: 8, deliveries: 4 }, { hour: 12, deliveries: 4 }, { hour: 2, deliveries: 1 }], null))?.hour).toBe(8);
  });

  it('reads the hour in Seoul, not in the browser’s zone', () => {
    expect(seoulHour(new Date('2031-03-02T15:30:00Z'))).toBe(0);
    expect(seoulHour(new Date('2031-03-03T14:59:59Z'))).toBe(23);
  });
});
