/**
 * Business dates are in Asia/Seoul. Korea has had no daylight saving time since 1988, so
 * the offset is a constant +09:00; keeping it arithmetic avoids Intl on hot paths.
 */
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;

export const BUSINESS_TIME_ZONE = 'Asia/Seoul';

/** `YYYY-MM-DD` of the instant in Asia/Seoul. */
export function seoulDate(at: Date): string {
  return new Date(at.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

export function seoulYear(at: Date): number {
  return new Date(at.getTime() + SEOUL_OFFSET_MS).getUTCFullYear();
}

/** The instant a Seoul business date starts (00:00 +09:00). */
export function seoulStartOfDay(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is `YYYY-MM-DD` and names a day that exists on the calendar. */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Formats an instant as ISO 8601 with the Seoul offset, e.g. `2026-11-22T09:30:00.000+09:00`. */
export function toSeoulIso(at: Date): string {
  return new Date(at.getTime() + SEOUL_OFFSET_MS).toISOString().replace('Z', '+09:00');
}

/** Hour (0-23) and weekday (0 = Sunday) of the instant in Asia/Seoul. */
export function seoulHourAndWeekday(at: Date): { hour: number; weekday: number } {
  const shifted = new Date(at.getTime() + SEOUL_OFFSET_MS);
  return { hour: shifted.getUTCHours(), weekday: shifted.getUTCDay() };
}
