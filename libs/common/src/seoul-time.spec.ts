import { isCalendarDate, seoulDate, seoulStartOfDay, seoulYear, toSeoulIso } from './seoul-time';

describe('Asia/Seoul business time', () => {
  it('a UTC instant late on Dec 31 is already the new year in Seoul', () => {
    const at = new Date('2025-12-31T15:30:00Z');
    expect(seoulDate(at)).toBe('2026-01-01');
    expect(seoulYear(at)).toBe(2026);
  });

  it('starts a business day at 00:00 +09:00', () => {
    expect(seoulStartOfDay('2026-11-22').toISOString()).toBe('2026-11-21T15:00:00.000Z');
  });

  it('formats instants with the Seoul offset', () => {
    expect(toSeoulIso(new Date('2026-11-22T00:00:00Z'))).toBe('2026-11-22T09:00:00.000+09:00');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-11-31')).toBe(false);
  });
});
