import { loadConfig } from '@dure/config';
import type { RedisClient } from '@dure/queue';
import { CourierProfileCache } from './profile-cache';

function cache(ttlMs = 10_000) {
  const published: string[] = [];
  const redis = { client: { publish: async (_: string, id: string) => void published.push(id) } } as unknown as RedisClient;
  const config = loadConfig({ DURE_PROFILE_CACHE_TTL_MS: String(ttlMs) });
  const c = new CourierProfileCache<string>(redis, config);
  // As if subscribed to invalidations (the real subscription is covered end to end).
  (c as unknown as { live: boolean }).live = true;
  expect(c.isLive()).toBe(true);
  return { cache: c, published };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CourierProfileCache', () => {
  it('loads once, then answers from memory', async () => {
    const { cache: c } = cache();
    const load = jest.fn(async () => 'v1');
    expect(await c.get('m', load)).toBe('v1');
    expect(await c.get('m', load)).toBe('v1');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('after an invalidation, reloads and caches the new value again', async () => {
    const { cache: c, published } = cache();
    await c.get('m', async () => 'old');
    await c.invalidate('m');
    expect(published).toEqual(['m']);
    const load = jest.fn(async () => 'new');
    expect(await c.get('m', load)).toBe('new');
    expect(await c.get('m', load)).toBe('new');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not store a value loaded before an invalidation that arrived meanwhile', async () => {
    const { cache: c } = cache();
    const slow = deferred<string>();
    const pending = c.get('m', () => slow.promise);
    await c.invalidate('m');
    slow.resolve('stale');
    expect(await pending).toBe('stale');
    expect(await c.get('m', async () => 'fresh')).toBe('fresh');
  });

  it('keeps members apart', async () => {
    const { cache: c } = cache();
    await c.get('a', async () => 'A');
    expect(await c.get('b', async () => 'B')).toBe('B');
    await c.invalidate('b');
    expect(await c.get('a', async () => 'other')).toBe('A');
  });

  it('while not subscribed to invalidations, always loads', async () => {
    const { cache: c } = cache();
    (c as unknown as { live: boolean }).live = false;
    const load = jest.fn(async () => 'v');
    await c.get('m', load);
    await c.get('m', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('with a TTL of 0 always loads', async () => {
    const { cache: c } = cache(0);
    const load = jest.fn(async () => 'v');
    await c.get('m', load);
    await c.get('m', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
