import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AppConfig, loadConfig } from '@dure/config';
import { TestDatabase, createTestDatabase } from './test-database';
import { TEST_REDIS_URL, flushRedisPrefix, uniqueRedisPrefix } from './test-redis';

export const TEST_ADMIN_LOGIN = 'admin';
export const TEST_ADMIN_PASSWORD = 'admin-test-password-1';

export interface TestEnv {
  db: TestDatabase;
  redisPrefix: string;
  config: AppConfig;
  /** Drops the database, this file's Redis keys and its stored files. */
  cleanup(): Promise<void>;
}

/** A database, a Redis prefix and a storage directory of this test file's own, and a configuration pointing at them. */
export async function createTestEnv(label: string, env: Record<string, string> = {}): Promise<TestEnv> {
  const db = await createTestDatabase(label);
  const storageDir = await mkdtemp(path.join(tmpdir(), `dure-test-${label}-`));
  const redisPrefix = uniqueRedisPrefix(label);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    DURE_REDIS_PREFIX: redisPrefix,
    DURE_ADMIN_LOGIN: TEST_ADMIN_LOGIN,
    DURE_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    DURE_DEMO: 'false',
    DURE_MIGRATE_ON_BOOT: 'false',
    LOG_LEVEL: 'warn',
    DURE_STORAGE_DIR: storageDir,
    // No calendar jobs (weekly settlement, monthly premiums, daily batches) in the middle of a test.
    DURE_SCHEDULES: 'false',
    // The console the global setup built (its own directory when DURE_CONSOLE_DIR is set).
    ...(process.env.DURE_CONSOLE_DIR ? { DURE_CONSOLE_DIR: process.env.DURE_CONSOLE_DIR } : {}),
    ...env,
  });
  return {
    db,
    redisPrefix,
    config,
    cleanup: async () => {
      await flushRedisPrefix(redisPrefix);
      await db.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
