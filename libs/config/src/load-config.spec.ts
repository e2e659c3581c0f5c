import { ConfigError, loadConfig } from './load-config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PROD = { NODE_ENV: 'production', DURE_JWT_SECRET: 'x'.repeat(40), DURE_DATA_KEY: KEY };

describe('loadConfig', () => {
  it('has development defaults that work on this machine', () => {
    const c = loadConfig({});
    expect(c.nodeEnv).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/dure');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.pii.activeKey.key).toHaveLength(32);
    expect(c.demo).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('refuses to start in production without its secrets, naming each variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(
        expect.arrayContaining(['DURE_JWT_SECRET is required', 'DURE_DATA_KEY is required']),
      );
    }
    expect(loadConfig(PROD).nodeEnv).toBe('production');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ DURE_DATA_KEY: 'c2hvcnQ=' }, 'DURE_DATA_KEY'],
    [{ DURE_JWT_SECRET: 'short' }, 'DURE_JWT_SECRET'],
    [{ DURE_DEMO: 'maybe' }, 'DURE_DEMO'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ DURE_ADMIN_PASSWORD: 'short' }, 'DURE_ADMIN_PASSWORD'],
  ])('%j is refused with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('reads booleans and keys in hex or base64', () => {
    const hex = Buffer.alloc(32, 1).toString('hex');
    const c = loadConfig({ DURE_DEMO: 'false', DURE_DATA_KEY: hex, DURE_DATA_KEY_ID: 'k2' });
    expect(c.demo).toBe(false);
    expect(c.pii.activeKey).toEqual({ id: 'k2', key: Buffer.alloc(32, 1) });
  });

  it('keeps retired keys for reading and a hash key that does not change with rotation', () => {
    const hashKey = Buffer.alloc(32, 9).toString('base64');
    const c = loadConfig({ DURE_DATA_KEY: KEY, DURE_DATA_KEYS_RETIRED: `k0:${Buffer.alloc(32, 3).toString('base64')}`, DURE_HASH_KEY: hashKey });
    expect(c.pii.keys.map((k) => k.id)).toEqual(['k1', 'k0']);
    expect(c.pii.hashKey).toEqual(Buffer.alloc(32, 9));
  });
});
