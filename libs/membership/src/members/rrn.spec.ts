import { normalizeRrn, rrnProblem } from './rrn';

describe('rrnProblem', () => {
  it('accepts a citizen born in the 1900s, with or without the hyphen', () => {
    expect(rrnProblem('900101-1234567', '1990-01-01')).toBeNull();
    expect(rrnProblem('9001012234567', '1990-01-01')).toBeNull();
  });

  it('accepts citizens born since 2000 (3, 4) and registered foreigners (5-8)', () => {
    expect(rrnProblem('050228-3000000', '2005-02-28')).toBeNull();
    expect(rrnProblem('050228-4000000', '2005-02-28')).toBeNull();
    expect(rrnProblem('881201-5123456', '1988-12-01')).toBeNull();
    expect(rrnProblem('881201-6123456', '1988-12-01')).toBeNull();
    expect(rrnProblem('010101-7123456', '2001-01-01')).toBeNull();
    expect(rrnProblem('010101-8123456', '2001-01-01')).toBeNull();
  });

  it('does not enforce the old check digit (numbers since October 2020 have none)', () => {
    // 900101-1234567 has a wrong check digit under the pre-2020 rule; it is still accepted.
    for (let last = 0; last <= 9; last++) {
      expect(rrnProblem(`900101-123456${last}`, '1990-01-01')).toBeNull();
    }
  });

  it.each([
    ['90010-1234567', '1990-01-01', '13 digits'],
    ['900101-123456', '1990-01-01', '13 digits'],
    ['900101-12345678', '1990-01-01', '13 digits'],
    ['9001011234567x', '1990-01-01', '13 digits'],
    ['900101-9234567', '1990-01-01', '7th digit'],
    ['900101-0234567', '1990-01-01', '7th digit'],
    ['900230-1234567', '1990-02-30', 'real date'],
    ['901301-1234567', '1990-13-01', 'real date'],
    ['000229-3234567', '2000-02-29', null],
    ['010229-3234567', '2001-02-29', 'real date'],
    ['900101-1234567', '1990-01-02', 'birthDate'],
    ['900101-3234567', '1990-01-01', 'birthDate'],
  ])('%s with birth date %s → %s', (rrn, birthDate, problem) => {
    const result = rrnProblem(rrn, birthDate);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });

  it('normalizes the hyphenated form', () => {
    expect(normalizeRrn(' 900101-1234567 ')).toBe('9001011234567');
    expect(normalizeRrn('not an rrn')).toBe('not an rrn');
  });
});
