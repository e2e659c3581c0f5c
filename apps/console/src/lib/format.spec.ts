import { toCsv } from './csv';
import { formatBps, formatSeoul, formatSeoulTime, formatWon, isMonth, previousMonth, seoulDate } from './format';
import { maskPhone } from './mask';

describe('console formatting', () => {
  it('writes won grouped, in Korean or English, with a real minus', () => {
    expect(formatWon(1234567)).toBe('1,234,567원');
    expect(formatWon(1234567, 'en')).toBe('₩1,234,567');
    expect(formatWon(-5600)).toBe('−5,600원');
    expect(formatWon(0)).toBe('0원');
    expect(formatWon(null)).toBe('—');
  });

  it('writes basis points as a percentage', () => {
    expect(formatBps(1000)).toBe('10%');
    expect(formatBps(2740)).toBe('27.4%');
    expect(formatBps(80)).toBe('0.8%');
    expect(formatBps(48)).toBe('0.48%');
  });

  it('shows instants in Seoul time, and Seoul dates and months', () => {
    expect(formatSeoul('2026-11-22T15:30:00Z')).toBe('2026-11-23 00:30');
    expect(formatSeoul(undefined)).toBe('—');
    expect(formatSeoulTime('2026-11-22T15:30:09.500Z')).toBe('00:30:09');
    expect(formatSeoulTime('not a date')).toBe('—');
    expect(seoulDate(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(previousMonth(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
    expect(previousMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-11');
    expect(['2026-11', '2026-01', '2026-12'].every(isMonth)).toBe(true);
    expect(['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', ''].some(isMonth)).toBe(false);
  });

  it('exports CSV for Excel: BOM, CRLF, quotes, no formulas, Hangul intact', () => {
    expect(toCsv(['이름', '금액'], [['김민준', 12000], ['=SUM(A1)', 'a,"b"']])).toBe('\uFEFF이름,금액\r\n김민준,12000\r\n\'=SUM(A1),"a,""b"""\r\n');
  });

  it('shortens phone numbers in lists', () => {
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
    expect(maskPhone(null)).toBe('—');
  });
});
