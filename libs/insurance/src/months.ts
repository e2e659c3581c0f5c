import { seoulDate, seoulStartOfDay } from '@dure/common';
import { InsuranceErrors } from './insurance.errors';
import type { MonthBounds } from './monthly/monthly.repository';

/** A business date `days` later (or earlier). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day a month later, or the month's last day when it has no such day (31 January → 28 February). */
export function addMonth(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 };
  const last = new Date(Date.UTC(next.y, next.m, 0)).getUTCDate();
  return `${next.y}-${String(next.m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A month (YYYY-MM) as its days and as instants in Asia/Seoul. */
export function monthBounds(month: string): MonthBounds {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw InsuranceErrors.invalidMonth();
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const next = mon === 12 ? `${year + 1}-01-01` : `${year}-${String(mon + 1).padStart(2, '0')}-01`;
  const firstDay = `${month}-01`;
  return { month, firstDay, lastDay: addDays(next, -1), from: seoulStartOfDay(firstDay), to: seoulStartOfDay(next) };
}

/** The month before the one `now` falls in (Asia/Seoul). */
export function previousMonth(now: Date): string {
  const first = `${seoulDate(now).slice(0, 7)}-01`;
  return addDays(first, -1).slice(0, 7);
}
