import { seoulDate } from '../../lib/format';
import type { FeePolicy } from './api';

const DAY = 86_400_000;

/** Monday to Sunday (Asia/Seoul) of the week before the one `now` falls in: the period a weekly run settles. */
export function previousWeek(now: Date = new Date()): { periodStart: string; periodEnd: string } {
  const today = seoulDate(now);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const at = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  return { periodStart: at(-weekday - 7), periodEnd: at(-weekday - 1) };
}

export interface FeeStep {
  /** Milliseconds of the day (UTC midnight of the date), the chart's time axis. */
  t: number;
  date: string;
  rateBps: number;
  /** The rate as a percentage, for the axis. */
  percent: number;
  /** The point that only carries the last rate on (no policy starts there). */
  end: boolean;
}

/**
 * The fee policy history as points of a step line (each rate holds until the next
 * policy): one point per policy, oldest first, and a last point that carries the last
 * rate on past today, or past the last future policy, so its step is drawn too.
 */
export function feeSteps(policies: readonly Pick<FeePolicy, 'rateBps' | 'effectiveFrom'>[], today: string): FeeStep[] {
  if (!policies.length) return [];
  const point = (date: string, rateBps: number, end = false): FeeStep => ({ t: Date.parse(`${date}T00:00:00Z`), date, rateBps, percent: rateBps / 100, end });
  const sorted = [...policies].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const points = sorted.map((p) => point(p.effectiveFrom, p.rateBps));
  const last = points[points.length - 1];
  const first = points[0];
  // Past the later of today and the last policy by a tenth of the span (at least 30 days).
  const endBase = Math.max(last.t, Date.parse(`${today}T00:00:00Z`));
  const margin = Math.max(30 * DAY, Math.round((endBase - first.t) / 10 / DAY) * DAY);
  points.push(point(new Date(endBase + margin).toISOString().slice(0, 10), last.rateBps, true));
  return points;
}

/** The first day of each year inside [from, to] (ms), for the time axis' ticks. */
export function yearTicks(from: number, to: number): number[] {
  const ticks: number[] = [];
  for (let y = new Date(from).getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= to; y++) ticks.push(Date.UTC(y, 0, 1));
  return ticks;
}

/** The policy in force on a date (the latest one that started on or before it). */
export function policyInForce<P extends Pick<FeePolicy, 'effectiveFrom'>>(policies: readonly P[], date: string): P | undefined {
  return [...policies].filter((p) => p.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** A percentage typed by staff (e.g. "9.5") as basis points, or null when it is not one. */
export function percentToBps(value: string | number): number | null {
  const text = String(value).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const bps = Math.round(Number(text) * 100);
  return bps <= 10_000 ? bps : null;
}
