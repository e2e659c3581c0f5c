import { actionBody, actionForm, actionsFor, formatPhone, readRegisterFilter, writeRegisterFilter } from './model';

describe('members page rules', () => {
  it('offers only the status changes the status machine allows', () => {
    expect(actionsFor('applicant')).toEqual(['approve', 'reject']);
    expect(actionsFor('active')).toEqual(['suspend', 'withdraw']);
    expect(actionsFor('suspended')).toEqual(['reinstate', 'withdraw']);
    expect(actionsFor('withdrawn')).toEqual([]);
    expect(actionsFor('rejected')).toEqual([]);
    expect(actionsFor('nonsense')).toEqual([]);
  });

  it('asks for what each request body needs', () => {
    expect(actionForm('approve')).toEqual({ reason: 'none', effectiveDate: false });
    expect(actionForm('reinstate')).toEqual({ reason: 'optional', effectiveDate: false });
    expect(actionForm('withdraw')).toEqual({ reason: 'required', effectiveDate: true });
    expect(actionForm('reject').reason).toBe('required');
  });

  it('sends a required reason even when empty (the API names the field), and leaves an empty optional one out', () => {
    expect(actionBody('approve', { reason: 'x', effectiveDate: '' })).toBeUndefined();
    expect(actionBody('reject', { reason: '  ', effectiveDate: '' })).toEqual({ reason: '' });
    expect(actionBody('suspend', { reason: ' 사고 조사 ', effectiveDate: '' })).toEqual({ reason: '사고 조사' });
    expect(actionBody('reinstate', { reason: '', effectiveDate: '' })).toEqual({});
    expect(actionBody('reinstate', { reason: '복귀', effectiveDate: '' })).toEqual({ reason: '복귀' });
    expect(actionBody('withdraw', { reason: '탈퇴 신청', effectiveDate: '2026-11-30' })).toEqual({ reason: '탈퇴 신청', effectiveDate: '2026-11-30' });
  });

  it('reads and writes the register filters from the address, ignoring junk', () => {
    expect(readRegisterFilter(new URLSearchParams('status=active&q=%EA%B9%80&page=3'))).toEqual({ status: 'active', q: '김', page: 3, sort: '-appliedAt' });
    expect(readRegisterFilter(new URLSearchParams('status=boss&page=-2'))).toEqual({ status: undefined, q: '', page: 1, sort: '-appliedAt' });
    expect(readRegisterFilter(new URLSearchParams('page=1.5&sort=rrn'))).toEqual({ status: undefined, q: '', page: 1, sort: '-appliedAt' });
    expect(readRegisterFilter(new URLSearchParams('sort=-memberNo'))).toMatchObject({ sort: '-memberNo' });
    expect(writeRegisterFilter({ status: 'suspended', q: ' DR-2026 ', page: 2, sort: 'name' }).toString()).toBe('status=suspended&q=DR-2026&sort=name&page=2');
    expect(writeRegisterFilter({ status: undefined, q: '', page: 1, sort: '-appliedAt' }).toString()).toBe('');
  });

  it('writes phone numbers with dashes', () => {
    expect(formatPhone('01056305040')).toBe('010-5630-5040');
    expect(formatPhone('0111234567')).toBe('011-123-4567');
    expect(formatPhone('+82 10')).toBe('+82 10');
  });
});
