/**
 * The statutory premium base and the shares (SPEC §4). One named function per rule; all
 * amounts integer won, rates basis points.
 */

export type Plan = 'group_accident' | 'employment' | 'industrial_accident';
export const PLANS: readonly Plan[] = ['group_accident', 'employment', 'industrial_accident'];

/**
 * 월 보수액 = gross − non-taxable − gross × expense ratio, cut to the won: the remuneration
 * itself is floored, so a fraction never lifts it over the threshold.
 */
export function monthlyRemuneration(grossWon: number, nonTaxableWon: number, expenseRatioBps: number): number {
  return Math.max(0, Math.floor((grossWon * (10_000 - expenseRatioBps)) / 10_000) - nonTaxableWon);
}

/** How a share is cut to whole money: down to the won (the default), or down to 10 won as the agencies bill. */
export type PremiumRounding = 'won' | 'ten-won';

/** A share of the premium: each party's share is computed and floored on its own. */
export function premiumShare(remunerationWon: number, rateBps: number, rounding: PremiumRounding = 'won'): number {
  const won = Math.floor((remunerationWon * rateBps) / 10_000);
  return rounding === 'ten-won' ? Math.floor(won / 10) * 10 : won;
}

/** Employment insurance covers a month only at or above the threshold (800,000 won). */
export function employmentCovered(remunerationWon: number, thresholdWon: number): boolean {
  return remunerationWon >= thresholdWon;
}

export interface RateLike {
  plan: Plan;
  workerRateBps: number;
  employerRateBps: number;
  expenseRatioBps: number;
  thresholdWon: number | null;
  premiumWon: number | null;
  payer: 'cooperative' | 'member' | null;
}

/** What a contract shorter than a month changes: employment covers it whatever the pay. */
export interface MonthContext {
  shortContract: boolean;
}

/**
 * Whether a month's pay brings a member under a plan (membership aside): employment from
 * the threshold up (any pay, for a contract shorter than a month), industrial accident
 * with any pay, the group plan always.
 */
export function qualifies(rate: RateLike, remunerationWon: number, ctx: MonthContext = { shortContract: false }): boolean {
  switch (rate.plan) {
    case 'group_accident':
      return true;
    case 'employment':
      return remunerationWon > 0 && (ctx.shortContract || employmentCovered(remunerationWon, rate.thresholdWon ?? 0));
    case 'industrial_accident':
      return remunerationWon > 0;
  }
}

/** The month's shares of a covered member (nothing when not covered). */
export function premiumShares(
  rate: RateLike,
  remunerationWon: number,
  covered: boolean,
  rounding: PremiumRounding = 'won',
): { workerShareWon: number; employerShareWon: number } {
  if (!covered) return { workerShareWon: 0, employerShareWon: 0 };
  if (rate.plan === 'group_accident') {
    // A flat monthly premium, paid by the cooperative or by the member.
    const premium = rate.premiumWon ?? 0;
    return rate.payer === 'member' ? { workerShareWon: premium, employerShareWon: 0 } : { workerShareWon: 0, employerShareWon: premium };
  }
  return {
    workerShareWon: premiumShare(remunerationWon, rate.workerRateBps, rounding),
    employerShareWon: premiumShare(remunerationWon, rate.employerRateBps, rounding),
  };
}
