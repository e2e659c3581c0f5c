import { RateLike, employmentCovered, monthlyRemuneration, premiumShare, premiumShares, qualifies } from './remuneration';

/** One member, one plan, one month, as the monthly job sees it. */
function monthlyFigures(rate: RateLike, grossWon: number, nonTaxableWon: number, shortContract = false) {
  const remunerationWon = monthlyRemuneration(grossWon, nonTaxableWon, rate.expenseRatioBps);
  const covered = qualifies(rate, remunerationWon, { shortContract });
  return { remunerationWon, covered, ...premiumShares(rate, remunerationWon, covered) };
}

const employment = (worker: number, employer: number): RateLike => ({
  plan: 'employment',
  workerRateBps: worker,
  employerRateBps: employer,
  expenseRatioBps: 2740,
  thresholdWon: 800_000,
  premiumWon: null,
  payer: null,
});

describe('월 보수액 and premium shares (exact won)', () => {
  it('remuneration is gross − non-taxable − gross × expense ratio, floored to the won', () => {
    expect(monthlyRemuneration(1_000_000, 0, 2740)).toBe(726_000);
    // 1,234,567 × 72.6% = 896,295.642 → 896,295; less 10,000 non-taxable.
    expect(monthlyRemuneration(1_234_567, 10_000, 2740)).toBe(886_295);
    // 1,101,928 × 72.6% = 799,999.728: under the threshold, not lifted over it.
    expect(monthlyRemuneration(1_101_928, 0, 2740)).toBe(799_999);
    expect(monthlyRemuneration(0, 0, 2740)).toBe(0);
  });

  it('covers employment at 800,000 won and not at 799,999', () => {
    expect(employmentCovered(800_000, 800_000)).toBe(true);
    expect(employmentCovered(799_999, 800_000)).toBe(false);
  });

  it('each share is floored on its own, to the won or (configured) to 10 won', () => {
    expect(premiumShare(1_234_567, 80)).toBe(9876); // 9,876.536
    expect(premiumShare(1_234_567, 70)).toBe(8641); // 8,641.969
    expect(premiumShare(1_234_567, 80, 'ten-won')).toBe(9870);
    expect(premiumShare(1_089_000, 48, 'ten-won')).toBe(5220); // 5,227.2
  });

  it('a month below the threshold charges nothing; at it, both shares', () => {
    // gross 1,101,929 × 72.6% = 800,000.454 → 월 보수액 800,000.
    expect(monthlyFigures(employment(80, 80), 1_101_929, 0)).toEqual({ remunerationWon: 800_000, covered: true, workerShareWon: 6400, employerShareWon: 6400 });
    // One won of gross less: 799,999.728 → 799,999, not covered.
    expect(monthlyFigures(employment(80, 80), 1_101_928, 0)).toEqual({ remunerationWon: 799_999, covered: false, workerShareWon: 0, employerShareWon: 0 });
  });

  it('a contract shorter than a month is covered whatever the pay, but not without pay', () => {
    expect(monthlyFigures(employment(80, 80), 500_000, 0, true)).toEqual({ remunerationWon: 363_000, covered: true, workerShareWon: 2904, employerShareWon: 2904 });
    expect(monthlyFigures(employment(80, 80), 0, 0, true).covered).toBe(false);
  });

  it('industrial accident covers any pay, shares split evenly and floored on their own', () => {
    const industrial: RateLike = { plan: 'industrial_accident', workerRateBps: 48, employerRateBps: 48, expenseRatioBps: 2740, thresholdWon: null, premiumWon: null, payer: null };
    // gross 333,333 × 72.6% = 241,999.758 → 241,999; × 0.48% = 1,161.59 → 1,161 each.
    expect(monthlyFigures(industrial, 333_333, 0)).toEqual({ remunerationWon: 241_999, covered: true, workerShareWon: 1161, employerShareWon: 1161 });
    expect(monthlyFigures(industrial, 0, 0).covered).toBe(false);
  });

  it('group accident is a flat premium paid by the cooperative or the member', () => {
    const group = { plan: 'group_accident', workerRateBps: 0, employerRateBps: 0, expenseRatioBps: 0, thresholdWon: null, premiumWon: 12_000 } as const;
    expect(monthlyFigures({ ...group, payer: 'cooperative' }, 500_000, 0)).toMatchObject({ covered: true, workerShareWon: 0, employerShareWon: 12_000 });
    expect(monthlyFigures({ ...group, payer: 'member' }, 500_000, 0)).toMatchObject({ workerShareWon: 12_000, employerShareWon: 0 });
  });
});
