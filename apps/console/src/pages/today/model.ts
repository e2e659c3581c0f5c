/** One bar of the deliveries-per-hour chart. */
export interface HourBar {
  hour: number;
  label: string;
  deliveries: number;
  /** The Seoul hour now (the bar still filling), or a later one not yet begun. */
  phase: 'past' | 'current' | 'future';
}

/**
 * Twenty-four bars, Seoul hours 0-23, whatever the answer holds (missing hours are 0, odd
 * ones ignored); `currentHour` (Seoul) marks the bar still filling when the figures are
 * today's.
 */
export function hourBars(buckets: readonly { hour: number; deliveries: number }[], currentHour: number | null): HourBar[] {
  const counts = new Array<number>(24).fill(0);
  for (const b of buckets) if (Number.isInteger(b.hour) && b.hour >= 0 && b.hour < 24) counts[b.hour] += b.deliveries;
  return counts.map((deliveries, hour) => ({
    hour,
    label: String(hour).padStart(2, '0'),
    deliveries,
    phase: currentHour === null || hour < currentHour ? 'past' : hour === currentHour ? 'current' : 'future',
  }));
}

/** The busiest hour so far (the earliest of equals), or null on a day without deliveries. */
export function peakHour(bars: readonly HourBar[]): HourBar | null {
  let peak: HourBar | null = null;
  for (const b of bars) if (b.deliveries > 0 && (!peak || b.deliveries > peak.deliveries)) peak = b;
  return peak;
}

/** The hour (0-23) of an instant in Asia/Seoul (a constant +09:00: no daylight saving). */
export function seoulHour(at: Date): number {
  return new Date(at.getTime() + 9 * 3600_000).getUTCHours();
}
