/** Won as the office reads it: grouped, with the currency after (12,345원 / ₩12,345). */
export function formatWon(value: number | null | undefined, lang: 'ko' | 'en' = 'ko'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const grouped = Math.abs(Math.trunc(value)).toLocaleString('en-US');
  const sign = value < 0 ? '−' : '';
  return lang === 'ko' ? `${sign}${grouped}원` : `${sign}₩${grouped}`;
}

/** Basis points as a percentage: 1000 → "10%", 2740 → "27.4%". */
export function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** An ISO instant on Seoul's clock (+09:00, no daylight saving), as "YYYY-MM-DDTHH:mm:ss…", or null. */
function seoulIso(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : new Date(d.getTime() + 9 * 3600_000).toISOString();
}

/** An ISO instant as a Seoul date and time: "2026-11-22 14:05". */
export function formatSeoul(iso: string | null | undefined): string {
  const seoul = seoulIso(iso);
  return seoul ? `${seoul.slice(0, 10)} ${seoul.slice(11, 16)}` : '—';
}

/** An ISO instant as a Seoul time of day with seconds: "14:05:09" (whatever the browser's zone). */
export function formatSeoulTime(iso: string | null | undefined): string {
  return seoulIso(iso)?.slice(11, 19) ?? '—';
}

/** A Seoul business date (YYYY-MM-DD) `days` from the given instant. */
export function seoulDate(at: Date = new Date(), days = 0): string {
  return new Date(at.getTime() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a text is a month as the API takes it (YYYY-MM, month 01–12). */
export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month (YYYY-MM) before the one `at` falls in, in Seoul. */
export function previousMonth(at: Date = new Date()): string {
  const [y, m] = seoulDate(at).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
