import { newIdempotencyKey } from './idempotency';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  it('makes a random UUID v4, a new one each time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });

  it('needs no secure context: works where crypto.randomUUID throws (plain http)', () => {
    const spy = jest.spyOn(crypto, 'randomUUID').mockImplementation(() => {
      throw new TypeError('crypto.randomUUID is only available in secure contexts');
    });
    try {
      expect(newIdempotencyKey()).toMatch(UUID_V4);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('sets the version and variant bits whatever the random bytes are', () => {
    for (const fill of [0x00, 0xff]) {
      // The DOM's and Node's typings of getRandomValues differ; the mock fills a Uint8Array.
      const spy = jest.spyOn(crypto, 'getRandomValues').mockImplementation(((array: Uint8Array) => array.fill(fill)) as never);
      try {
        expect(newIdempotencyKey()).toMatch(UUID_V4);
      } finally {
        spy.mockRestore();
      }
    }
  });
});
