/** Korean mobile numbers: `010-1234-5678`, `01012345678`, `+82 10 1234 5678` → `01012345678`. */
export function normalizePhone(value: string): string {
  let digits = value.replace(/[\s-]/g, '');
  if (digits.startsWith('+82')) digits = `0${digits.slice(3)}`;
  return digits;
}

export const MOBILE_PHONE = /^01[016789]\d{7,8}$/;

export function isMobilePhone(value: string): boolean {
  return MOBILE_PHONE.test(normalizePhone(value));
}
