import { actionBody, actionForm, actionsFor, collectPages, formatPhone, readRegisterFilter, writeRegisterFilter } from './model';

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
    expect(readRegisterFilter(new URLSearchParams('status=active&q=%EA%B9%80&page=3'))).toEqual({ status: 'active', q: '김', page: 3 });
    expect(readRegisterFilter(new URLSearchParams('status=boss&page=-2'))).toEqual({ status: undefined, q: '', page: 1 });
    expect(readRegisterFilter(new URLSearchParams('page=1.5'))).toEqual({ status: undefined, q: '', page: 1 });
    expect(writeRegisterFilter({ status: 'suspended', q: ' DR-2026 ', page: 2 }).toString()).toBe('status=suspended&q=DR-2026&page=2');
    expect(writeRegisterFilter({ status: undefined, q: '', page: 1 }).toString()).toBe('');
  });

  it('writes phone numbers with dashes', () => {
    expect(formatPhone('01056305040')).toBe('010-5630-5040');
    expect(formatPhone('0111234567')).toBe('011-123-4567');
    expect(formatPhone('+82 10')).toBe('+82 10');
  });

  it('collects every page for an export, and stops at the cap', async () => {
    const all = Array.from({ length: 250 }, (_, i) => i);
    const pages: number[] = [];
    const fetchPage = (page: number, limit: number) => {
      pages.push(page);
      return Promise.resolve({ items: all.slice((page - 1) * limit, page * limit), total: all.length });
    };
    expect(await collectPages(fetchPage, 100)).toEqual({ rows: all, truncated: false });
    expect(pages).toEqual([1, 2, 3]);
    const capped = await collectPages(fetchPage, 100, 150);
    expect(capped.rows).toHaveLength(150);
    expect(capped.truncated).toBe(true);
    expect(await collectPages(() => Promise.resolve({ items: [], total: 0 }))).toEqual({ rows: [], truncated: false });
  });
});
