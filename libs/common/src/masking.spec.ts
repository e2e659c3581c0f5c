import { maskAccount, maskPhone, maskRrn } from './masking';
import { maskText } from './logging';

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
