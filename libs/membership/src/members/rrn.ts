import { isRealDate } from '@dure/common';

/** `900101-1234567` or `9001011234567` → `9001011234567`; anything else is returned as given. */
export function normalizeRrn(value: string): string {
  const m = /^(\d{6})-?(\d{7})$/.exec(value.trim());
  return m ? m[1] + m[2] : value.trim();
}

const CENTURY: Record<string, number> = { '1': 1900, '2': 1900, '5': 1900, '6': 1900, '3': 2000, '4': 2000, '7': 2000, '8': 2000 };

/**
 * Checks the form of a resident registration number against the applicant's birth date:
 * 13 digits, a century/sex digit of 1-4 (citizens) or 5-8 (registered foreigners), a real
 * date, and that date equal to the birth date. The old check digit is deliberately not
 * enforced: numbers issued since October 2020 do not have one.
 *
 * @returns the reason it is invalid, or null.
 */
export function rrnProblem(rrn: string, birthDate: string): string | null {
  const digits = normalizeRrn(rrn);
  if (!/^\d{13}$/.test(digits)) return 'must be 13 digits (YYMMDD-NNNNNNN)';
  const century = CENTURY[digits[6]];
  if (century === undefined) return 'the 7th digit must be 1-4 (citizen) or 5-8 (registered foreigner)';
  const year = century + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (!isRealDate(year, month, day)) return 'the first six digits are not a real date';
  const encoded = `${year}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`;
  if (encoded !== birthDate) return 'does not match birthDate';
  return null;
}
