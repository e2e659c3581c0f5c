/**
 * A benchmark's own Postgres database and Redis prefix: dropped and cleared so every run
 * measures the same data, not leftovers.
 */
import Redis from 'ioredis';
import { Client } from 'pg';

/** Drops database `name` (connected through `adminUrl`, e.g. the `postgres` database). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // FORCE: a previous run that died may still hold connections open.
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Deletes every key written under `prefix` (queues, throttle counters, ...); returns how many. */
export async function deleteRedisKeys(redisUrl: string, prefix: string, scanCount: number): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: scanCount });
    for await (const batch of stream) {
      const keys = batch as string[];
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
