import { loadConfig } from '@dure/config';
import { PiiCipher, memberFieldContext } from './pii-cipher';

const key = (n: number) => Buffer.alloc(32, n).toString('base64');

describe('PiiCipher', () => {
  const cipher = new PiiCipher(loadConfig({ DURE_DATA_KEY: key(1) }));

  it('round-trips, and the ciphertext does not contain the clear value', () => {
    const sealed = cipher.seal('9001011234567', memberFieldContext('m1', 'rrn'));
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('9001011234567');
    expect(cipher.open(sealed, memberFieldContext('m1', 'rrn'))).toBe('9001011234567');
  });

  it('uses a fresh IV each time', () => {
    const a = cipher.seal('same', 'ctx');
    const b = cipher.seal('same', 'ctx');
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses a ciphertext moved to another member or field (bound by AAD)', () => {
    const sealed = cipher.seal('9001011234567', memberFieldContext('m1', 'rrn'));
    expect(() => cipher.open(sealed, memberFieldContext('m2', 'rrn'))).toThrow();
    expect(() => cipher.open(sealed, memberFieldContext('m1', 'bankAccount'))).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = cipher.seal('9001011234567', 'ctx');
    const parts = sealed.ciphertext.split('.');
    const data = Buffer.from(parts[3], 'base64url');
    data[0] ^= 1;
    parts[3] = data.toString('base64url');
    expect(() => cipher.open({ ...sealed, ciphertext: parts.join('.') }, 'ctx')).toThrow();
  });

  it('reads data sealed under a retired key after rotation', () => {
    const old = cipher.seal('110-234-567804', 'ctx');
    const rotated = new PiiCipher(
      loadConfig({ DURE_DATA_KEY: key(2), DURE_DATA_KEY_ID: 'k2', DURE_DATA_KEYS_RETIRED: `k1:${key(1)}`, DURE_HASH_KEY: key(5) }),
    );
    expect(rotated.open(old, 'ctx')).toBe('110-234-567804');
    expect(rotated.seal('x', 'ctx').keyId).toBe('k2');
  });

  it('hashes with a key: equal inputs match, and the hash is not a plain SHA-256', () => {
    expect(cipher.keyedHash('9001011234567', 'rrn')).toBe(cipher.keyedHash('9001011234567', 'rrn'));
    const other = new PiiCipher(loadConfig({ DURE_DATA_KEY: key(1), DURE_HASH_KEY: key(4) }));
    expect(other.keyedHash('9001011234567', 'rrn')).not.toBe(cipher.keyedHash('9001011234567', 'rrn'));
  });
});
