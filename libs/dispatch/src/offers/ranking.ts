export interface Candidate {
  memberId: string;
  /** From the courier's position to the pickup. */
  distanceM: number;
  /** Fares delivered today (Asia/Seoul). */
  earnedTodayWon: number;
}

/**
 * Order of offers: nearer is better, and so is having earned less today, so work is shared.
 * Each courier's distance is scaled by the search radius and their earnings by the most
 * any candidate earned today; `fairnessWeightBps` (10000 = 1) sets how much earnings weigh
 * against distance. 0 is plain nearest-first. Ties go to the nearer courier.
 */
export function rankCandidates(candidates: Candidate[], radiusM: number, fairnessWeightBps: number): Candidate[] {
  const maxEarned = Math.max(1, ...candidates.map((c) => c.earnedTodayWon));
  const weight = fairnessWeightBps / 10_000;
  const score = (c: Candidate) => c.distanceM / radiusM + (weight * c.earnedTodayWon) / maxEarned;
  return [...candidates].sort((a, b) => score(a) - score(b) || a.distanceM - b.distanceM || a.memberId.localeCompare(b.memberId));
}

/** Gini coefficient of a set of non-negative amounts: 0 is perfectly equal, 1 all to one. */
export function gini(values: number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  if (total === 0) return 0;
  let weighted = 0;
  sorted.forEach((v, i) => (weighted += (i + 1) * v));
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
