import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.DURE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueRedisPrefix(label = 't'): string {
  return `dure-test:${label}:${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix (BullMQ queues and app keys alike). */
export async function flushRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
