import { PASSWORD_ALPHABET, generatePassword, staffEdit } from './model';

const ORDER = ['admin', 'dispatcher', 'accountant'];

describe('settings: editing a staff account', () => {
  const kim = { name: '김사무', roles: ['dispatcher', 'admin'] };

  it('sends only what changed: the trimmed name, the roles as a set in a fixed order', () => {
    expect(staffEdit(kim, { name: ' 김사무 ', roles: ['admin', 'dispatcher'] }, ORDER)).toEqual({});
    expect(staffEdit(kim, { name: '김대리', roles: ['admin', 'dispatcher'] }, ORDER)).toEqual({ name: '김대리' });
    expect(staffEdit(kim, { name: '김사무', roles: ['accountant', 'dispatcher', 'accountant'] }, ORDER)).toEqual({ roles: ['dispatcher', 'accountant'] });
    expect(staffEdit(kim, { name: '김사무', roles: ['dispatcher'] }, ORDER)).toEqual({ roles: ['dispatcher'] });
  });

  it('sends an emptied name and no roles as they are, for the API to refuse beside the field', () => {
    expect(staffEdit(kim, { name: '  ', roles: [] }, ORDER)).toEqual({ name: '', roles: [] });
  });
});

describe('settings: a reset password', () => {
  it('is 16 characters of the unambiguous alphabet by default, within the API’s 10-128', () => {
    const p = generatePassword();
    expect(p).toHaveLength(16);
    expect([...p].every((ch) => PASSWORD_ALPHABET.includes(ch))).toBe(true);
    expect(generatePassword()).not.toBe(p);
    expect(PASSWORD_ALPHABET).not.toMatch(/[0Oo1lI]/);
  });

  it('skips the bytes that would favour the alphabet’s first characters', () => {
    const size = PASSWORD_ALPHABET.length; // 56: bytes 224-255 would wrap onto the first 32
    const batches = [Uint8Array.from([255, 224, 0, 1]), Uint8Array.from([size - 1, 250, 2, size + 3])];
    const p = generatePassword(4, () => batches.shift()!);
    expect(p).toBe(`${PASSWORD_ALPHABET[0]}${PASSWORD_ALPHABET[1]}${PASSWORD_ALPHABET[size - 1]}${PASSWORD_ALPHABET[2]}`);
  });
});
