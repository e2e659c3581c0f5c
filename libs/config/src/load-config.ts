import { createHash, createHmac } from 'node:crypto';
import { AppConfig, DataKey, NodeEnv } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Development-only defaults. In production the secrets must be given. */
const DEV_JWT_SECRET = 'dure-development-jwt-secret-not-for-production';
const DEV_DATA_KEY = createHash('sha256').update('dure-development-data-key').digest('base64');

/**
 * Reads and validates the environment into one typed, frozen object. Every problem is
 * reported at once, each naming its variable.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = parseNodeEnv(env.NODE_ENV, problems);
  const production = nodeEnv === 'production';

  const str = (name: string, fallback?: string): string => {
    const v = env[name]?.trim();
    if (v) return v;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return '';
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (!raw) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };
  const secret = (name: string, devDefault: string): string =>
    production ? str(name) : str(name, devDefault);

  const port = int('PORT', 3000, 0, 65535);
  const host = str('HOST', '0.0.0.0');
  const databaseUrl = str('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/dure');
  checkUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:'], problems);
  const redisUrl = str('REDIS_URL', 'redis://127.0.0.1:6379');
  checkUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:'], problems);
  const redisPrefix = str('DURE_REDIS_PREFIX', 'dure');
  if (!/^[A-Za-z0-9_.:-]+$/.test(redisPrefix)) {
    problems.push('DURE_REDIS_PREFIX may hold only letters, digits and _ . : -');
  }

  const jwtSecret = secret('DURE_JWT_SECRET', DEV_JWT_SECRET);
  if (jwtSecret && Buffer.byteLength(jwtSecret) < 32) {
    problems.push('DURE_JWT_SECRET must be at least 32 bytes long');
  }

  const activeKey = parseKey('DURE_DATA_KEY', str('DURE_DATA_KEY_ID', 'k1'), secret('DURE_DATA_KEY', DEV_DATA_KEY), problems);
  const retired = parseRetiredKeys(env.DURE_DATA_KEYS_RETIRED, problems);
  const hashKeyRaw = env.DURE_HASH_KEY?.trim();
  const hashKey = hashKeyRaw
    ? decodeKey('DURE_HASH_KEY', hashKeyRaw, problems)
    : // Derived from the first data key so a single secret is enough to start; set
      // DURE_HASH_KEY explicitly before rotating DURE_DATA_KEY.
      createHmac('sha256', activeKey.key).update('dure:rrn-hash:v1').digest();

  const adminPassword = env.DURE_ADMIN_PASSWORD?.trim() || undefined;
  if (adminPassword !== undefined && adminPassword.length < 10) {
    problems.push('DURE_ADMIN_PASSWORD must be at least 10 characters');
  }

  const publicUrl = str('DURE_PUBLIC_URL', `http://localhost:${port}`);

  const values = {
    nodeEnv,
    host,
    port,
    publicUrl,
    consoleDir: str('DURE_CONSOLE_DIR', 'dist/console'),
    mapTileUrl: str('DURE_MAP_TILE_URL', ''),
    logLevel: str('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info'),
    databaseUrl,
    databasePoolSize: int('DURE_DB_POOL_SIZE', 10, 1, 200),
    redisUrl,
    redisPrefix,
    migrateOnBoot: bool('DURE_MIGRATE_ON_BOOT', true),
    auth: {
      jwtSecret,
      accessTokenTtlSec: int('DURE_ACCESS_TOKEN_TTL_SEC', 900, 60, 3600),
      refreshTokenTtlSec: int('DURE_REFRESH_TOKEN_TTL_SEC', 30 * 24 * 3600, 3600, 90 * 24 * 3600),
      loginMaxFailures: int('DURE_LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginWindowSec: int('DURE_LOGIN_WINDOW_SEC', 900, 1, 86400),
    },
    pii: { activeKey, keys: [activeKey, ...retired], hashKey },
    admin: { login: str('DURE_ADMIN_LOGIN', 'admin'), password: adminPassword },
    demo: bool('DURE_DEMO', true),
    billing: {
      benchmarkRateBps: int('DURE_BENCHMARK_FEE_BPS', 2000, 0, 10_000),
      settlementCron: str('DURE_SETTLEMENT_CRON', '0 4 * * 1'),
      settlementChunkMembers: int('DURE_SETTLEMENT_CHUNK_MEMBERS', 500, 1, 100_000),
      settlementConcurrency: int('DURE_SETTLEMENT_CONCURRENCY', 2, 1, 16),
    },
    schedules: bool('DURE_SCHEDULES', true),
    insurance: {
      monthlyCron: str('DURE_INSURANCE_MONTHLY_CRON', '0 3 1 * *'),
      batchCron: str('DURE_INSURANCE_BATCH_CRON', '0 5 * * *'),
      sponsorName: str('DURE_COOPERATIVE_NAME', '두레 퀵서비스 협동조합'),
      sponsorBusinessNo: str('DURE_COOPERATIVE_BUSINESS_NO', '5038100001'),
      premiumRounding: oneOf('DURE_PREMIUM_ROUNDING', ['won', 'ten-won'] as const, 'won'),
    },
    dispatch: {
      defaultMode: oneOf('DURE_DISPATCH_MODE', ['broadcast', 'offer', 'manual'] as const, 'broadcast'),
      radiusM: int('DURE_DISPATCH_RADIUS_M', 5000, 100, 100_000),
      offerSeconds: int('DURE_OFFER_SECONDS', 30, 5, 600),
      maxActiveJobs: int('DURE_MAX_ACTIVE_JOBS', 1, 1, 20),
      broadcastTimeoutSec: int('DURE_BROADCAST_TIMEOUT_SEC', 300, 30, 86_400),
      presenceStaleSec: int('DURE_PRESENCE_STALE_SEC', 120, 10, 3600),
      clockSkewSec: int('DURE_CLOCK_SKEW_SEC', 120, 0, 3600),
      fairnessWeightBps: int('DURE_FAIRNESS_WEIGHT_BPS', 5_000, 0, 100_000),
      storageDir: str('DURE_STORAGE_DIR', './storage'),
      photoMaxBytes: int('DURE_PHOTO_MAX_BYTES', 5 * 1024 * 1024, 1024, 50 * 1024 * 1024),
    },
    membership: {
      shareCapitalMinimumWon: int('DURE_SHARE_CAPITAL_MIN_WON', 100_000, 0, 100_000_000),
      memberNoPrefix: str('DURE_MEMBER_NO_PREFIX', 'DR'),
      profileCacheTtlMs: int('DURE_PROFILE_CACHE_TTL_MS', 10_000, 0, 300_000),
    },
  };
  // Every value is read before this check, so one start-up names every problem.
  if (problems.length > 0) throw new ConfigError(problems);
  return new AppConfig(values as AppConfig);
}

function parseNodeEnv(raw: string | undefined, problems: string[]): NodeEnv {
  const v = (raw ?? 'development').trim();
  if (v === 'development' || v === 'test' || v === 'production') return v;
  problems.push(`NODE_ENV must be development, test or production (got "${v}")`);
  return 'development';
}

function checkUrl(name: string, value: string, protocols: string[], problems: string[]): void {
  if (!value) return;
  try {
    const u = new URL(value);
    if (!protocols.includes(u.protocol)) problems.push(`${name} must start with ${protocols.join(' or ')}//`);
  } catch {
    problems.push(`${name} is not a valid URL`);
  }
}

function decodeKey(name: string, raw: string, problems: string[]): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    problems.push(`${name} must be 32 bytes, as base64 or 64 hex digits`);
  }
  return key;
}

function parseKey(name: string, id: string, raw: string, problems: string[]): DataKey {
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) problems.push('DURE_DATA_KEY_ID must be 1-16 letters, digits, _ or -');
  return { id, key: raw ? decodeKey(name, raw, problems) : Buffer.alloc(0) };
}

/** `DURE_DATA_KEYS_RETIRED=k0:<base64>,k00:<base64>`: keys still needed to read old data. */
function parseRetiredKeys(raw: string | undefined, problems: string[]): DataKey[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((pair) => {
    const [id, value] = pair.split(':', 2).map((s) => s.trim());
    if (!id || !value) {
      problems.push('DURE_DATA_KEYS_RETIRED must be a comma-separated list of id:key');
      return { id: '?', key: Buffer.alloc(32) };
    }
    return { id, key: decodeKey('DURE_DATA_KEYS_RETIRED', value, problems) };
  });
}
