/**
 * The money rules of billing, one named function each (SPEC §3). All amounts are integer
 * won; rates are basis points.
 */

/** The cooperative's fee on a job: floor(fare × bps / 10000). */
export function feeForFare(fareWon: number, rateBps: number): number {
  return Math.floor((fareWon * rateBps) / 10_000);
}

/** What a commercial firm would have taken, less what the cooperative took. */
export function savingsAgainstBenchmark(fareWon: number, feeWon: number, benchmarkBps: number): number {
  return feeForFare(fareWon, benchmarkBps) - feeWon;
}

/** Income tax on business income: 3% of the earnings, truncated to 10 won. */
export function incomeTaxWithheld(earningsWon: number): number {
  if (earningsWon <= 0) return 0;
  return Math.floor((earningsWon * 3) / 1000) * 10;
}

/** Local income tax: 10% of the income tax, truncated to 10 won. */
export function localIncomeTaxWithheld(incomeTaxWon: number): number {
  if (incomeTaxWon <= 0) return 0;
  return Math.floor(incomeTaxWon / 100) * 10;
}
