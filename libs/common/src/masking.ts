/**
 * Masks for personal data. Every response and log line shows these, never the clear value.
 */

/** `9001011234567` or `900101-1234567` → `900101-1******` (birth date and century/sex digit stay). */
export function maskRrn(rrn: string): string {
  const digits = rrn.replace(/\D/g, '');
  if (digits.length < 7) return '******-*******';
  return `${digits.slice(0, 6)}-${digits[6]}******`;
}

/** Any account number → `***-****-1234` (only the last four digits stay). */
export function maskAccount(account: string): string {
  const digits = account.replace(/\D/g, '');
  return `***-****-${digits.slice(-4).padStart(4, '*')}`;
}

/** `01012345678` → `010-****-5678`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return '***-****-****';
  return `${digits.slice(0, 3)}-****-${digits.slice(-4)}`;
}
