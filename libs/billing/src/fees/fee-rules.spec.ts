import { feeForFare, incomeTaxWithheld, localIncomeTaxWithheld, savingsAgainstBenchmark } from './fee-rules';

describe('fee rules (exact won)', () => {
  it.each([
    [10_000, 1000, 1000],
    [12_345, 1000, 1234], // 1,234.5 → 1,234
    [12_349, 1000, 1234], // 1,234.9 → 1,234
    [9, 1000, 0],
    [15, 1000, 1],
    [19_999, 2000, 3999], // 3,999.8 → 3,999
    [7_005, 1000, 700],
    [1, 10_000, 1],
    [50_000, 0, 0],
  ])('fare %i at %i bps → fee %i', (fare, bps, fee) => {
    expect(feeForFare(fare, bps)).toBe(fee);
  });

  it('savings: what 20% would have taken minus the fee', () => {
    expect(savingsAgainstBenchmark(12_345, 1234, 2000)).toBe(2469 - 1234);
    expect(savingsAgainstBenchmark(10_000, 1000, 2000)).toBe(1000);
  });

  it.each([
    [0, 0, 0],
    [99_999, 2990, 290], // 2,999.97 → 2,990; 299 → 290
    [100_000, 3000, 300],
    [123_456, 3700, 370], // 3,703.68 → 3,700; 370 → 370
    [333, 0, 0], // 9.99 → 0
    [334, 10, 0], // 10.02 → 10; 1 → 0
    [3_330, 90, 0], // 99.9 → 90; 9 → 0
    [3_334, 100, 10],
  ])('earnings %i → income tax %i, local tax %i (each truncated to 10 won)', (earnings, income, local) => {
    expect(incomeTaxWithheld(earnings)).toBe(income);
    expect(localIncomeTaxWithheld(income)).toBe(local);
  });
});
