import { maskAccount, maskPhone, maskRrn } from './masking';
import { maskText, serializeError } from './logging';

describe('masking', () => {
  it('shows the birth date and century digit of an RRN, nothing more', () => {
    expect(maskRrn('9001011234567')).toBe('900101-1******');
    expect(maskRrn('900101-1234567')).toBe('900101-1******');
    expect(maskRrn('12')).toBe('******-*******');
  });

  it('shows the last four digits of an account number', () => {
    expect(maskAccount('508-10-123456-7')).toBe('***-****-4567');
    expect(maskAccount('123')).toBe('***-****-*123');
  });

  it('masks the middle of a phone number', () => {
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
  });

  it('masks RRNs and long digit runs inside free text such as URLs', () => {
    expect(maskText('/api/v1/admin/members?q=900101-1234567')).toBe('/api/v1/admin/members?q=900101-1******');
    expect(maskText('/x?q=9001011234567&page=2')).toBe('/x?q=900101-1******&page=2');
    expect(maskText('/x?acct=508-10-123456')).toBe('/x?acct=***-****-3456');
    expect(maskText('/api/v1/admin/members?page=2&limit=20')).toBe('/api/v1/admin/members?page=2&limit=20');
  });
});

describe('logged errors', () => {
  it('drop SQL parameters and driver details, and mask what remains', () => {
    const err = Object.assign(new Error('duplicate key for 900101-1234567'), {
      parameters: ['9001011234567', '$argon2id$...'],
      query: 'INSERT INTO member ...',
      driverError: { detail: 'Key (phone)=(01012345678) already exists.' },
      code: '23505',
    });
    const out = serializeError(err);
    expect(out).not.toHaveProperty('parameters');
    expect(out).not.toHaveProperty('query');
    expect(out).not.toHaveProperty('driverError');
    expect(out.code).toBe('23505');
    expect(JSON.stringify(out)).not.toMatch(/1234567|01012345678|argon2/);
    expect(out.message).toBe('duplicate key for 900101-1******');
  });
});
