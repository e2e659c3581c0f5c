import type { RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';

/** ioredis options from a `redis://` or `rediss://` URL. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers need blocking commands never to be retried by ioredis itself.
    maxRetriesPerRequest: null,
  };
}

/** The same, typed for BullMQ's own connection option. */
export function bullConnection(url: string): ConnectionOptions {
  return redisOptionsFromUrl(url) as ConnectionOptions;
}
