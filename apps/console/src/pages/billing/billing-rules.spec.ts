import { feeSteps, percentToBps, policyInForce, previousWeek, yearTicks } from './billing-rules';

describe('console billing rules', () => {
  it('defaults a run to last Monday–Sunday in Seoul', () => {
    // Sunday 2026-11-22 23:00 in Seoul: the week before is 9–15 November.
    expect(previousWeek(new Date('2026-11-22T14:00:00Z'))).toEqual({ periodStart: '2026-11-09', periodEnd: '2026-11-15' });
    // 01:00 on Monday 23 November in Seoul is still Sunday in UTC: the week before is 16–22.
    expect(previousWeek(new Date('2026-11-22T16:00:00Z'))).toEqual({ periodStart: '2026-11-16', periodEnd: '2026-11-22' });
    // Across a year end.
    expect(previousWeek(new Date('2027-01-04T03:00:00Z'))).toEqual({ periodStart: '2026-12-28', periodEnd: '2027-01-03' });
  });

  it('draws the fee history as steps: 20% then 10% from 2020-09-01, carried past today', () => {
    const steps = feeSteps(
      [
        { rateBps: 1000, effectiveFrom: '2020-09-01' },
        { rateBps: 2000, effectiveFrom: '2020-07-01' },
      ],
      '2026-11-22',
    );
    expect(steps.map((s) => [s.date, s.percent, s.end])).toEqual([
      ['2020-07-01', 20, false],
      ['2020-09-01', 10, false],
      [expect.any(String), 10, true],
    ]);
    expect(steps[2].date > '2026-11-22').toBe(true);
    expect(steps[1].t).toBe(Date.UTC(2020, 8, 1));
    expect(feeSteps([], '2026-11-22')).toEqual([]);
  });

  it('carries a future policy’s step past its start', () => {
    const steps = feeSteps(
      [
        { rateBps: 2000, effectiveFrom: '2020-07-01' },
        { rateBps: 1000, effectiveFrom: '2020-09-01' },
        { rateBps: 900, effectiveFrom: '2027-03-01' },
      ],
      '2026-11-22',
    );
    expect(steps.map((s) => s.rateBps)).toEqual([2000, 1000, 900, 900]);
    expect(steps[3].date > '2027-03-01').toBe(true);
  });

  it('ticks the time axis at each new year', () => {
    expect(yearTicks(Date.UTC(2020, 6, 1), Date.UTC(2023, 0, 1))).toEqual([Date.UTC(2021, 0, 1), Date.UTC(2022, 0, 1), Date.UTC(2023, 0, 1)]);
    expect(yearTicks(Date.UTC(2020, 6, 1), Date.UTC(2020, 11, 1))).toEqual([]);
  });

  it('finds the policy in force on a date', () => {
    const policies = [
      { id: 'a', effectiveFrom: '2020-07-01' },
      { id: 'b', effectiveFrom: '2020-09-01' },
      { id: 'c', effectiveFrom: '2027-03-01' },
    ];
    expect(policyInForce(policies, '2026-11-22')?.id).toBe('b');
    expect(policyInForce(policies, '2020-08-31')?.id).toBe('a');
    expect(policyInForce(policies, '2020-06-30')).toBeUndefined();
  });

  it('reads a percentage as basis points', () => {
    expect(percentToBps('10')).toBe(1000);
    expect(percentToBps('9.5')).toBe(950);
    expect(percentToBps(12.25)).toBe(1225);
    expect(percentToBps('100')).toBe(10_000);
    expect(percentToBps('100.01')).toBeNull();
    expect(percentToBps('1.234')).toBeNull();
    expect(percentToBps('')).toBeNull();
    expect(percentToBps('-1')).toBeNull();
  });
});
