export type NodeEnv = 'development' | 'test' | 'production';

export interface DataKey {
  id: string;
  /** 32 raw bytes for AES-256-GCM. */
  key: Buffer;
}

/**
 * The whole configuration, read once from the environment and validated at boot. Nothing
 * else in the code base reads `process.env`.
 */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  /** The built web console the api serves at `/` (absent: the api serves no console). */
  readonly consoleDir: string;
  /** Map tiles for the console's dispatch board (`{z}/{x}/{y}` URL); empty: no tiles, the board still works. */
  readonly mapTileUrl: string;
  readonly logLevel: string;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly redisUrl: string;
  /** Prefix of every Redis key and BullMQ queue (tests give each file its own). */
  readonly redisPrefix: string;
  readonly migrateOnBoot: boolean;
  readonly auth: {
    jwtSecret: string;
    accessTokenTtlSec: number;
    refreshTokenTtlSec: number;
    /** Failed logins allowed per login name (and, ten times over, per address) in a window. */
    loginMaxFailures: number;
    loginWindowSec: number;
  };
  readonly pii: {
    /** The key new ciphertexts are written with. */
    activeKey: DataKey;
    /** Every key that may still be needed to read, the active one included. */
    keys: DataKey[];
    /** Key of the keyed hash used for duplicate checks; stable across data-key rotation. */
    hashKey: Buffer;
  };
  readonly admin: {
    login: string;
    password: string | undefined;
  };
  readonly demo: boolean;
  readonly billing: {
    /** The commercial fee couriers' savings are measured against. */
    benchmarkRateBps: number;
    /** When the weekly settlement runs (cron, Asia/Seoul). */
    settlementCron: string;
    /** Members per settlement transaction. */
    settlementChunkMembers: number;
    /** Settlement transactions run side by side. */
    settlementConcurrency: number;
  };
  /** Whether the worker keeps its calendar jobs (weekly settlement, monthly premiums, daily batches, nightly purge). */
  readonly schedules: boolean;
  readonly insurance: {
    /** When the monthly premium computation runs (cron, Asia/Seoul); it computes the month just ended. */
    monthlyCron: string;
    /** When each insurer's daily delta batch is built (cron, Asia/Seoul). */
    batchCron: string;
    /** The policyholder named in batch files (the cooperative) and its business number. */
    sponsorName: string;
    sponsorBusinessNo: string;
    /** Premium shares floored to the won, or to 10 won. */
    premiumRounding: 'won' | 'ten-won';
  };
  readonly dispatch: {
    /** Mode of orders that do not name one. */
    defaultMode: 'broadcast' | 'offer' | 'manual';
    /** How far from the pickup a courier may be to see or be offered the job. */
    radiusM: number;
    /** How long one courier has to answer an offer. */
    offerSeconds: number;
    /** Couriers holding this many jobs are not offered more. */
    maxActiveJobs: number;
    /** A broadcast job nobody took in this long goes to the dispatchers. */
    broadcastTimeoutSec: number;
    /** A position older than this does not count as online. */
    presenceStaleSec: number;
    /** How far a device clock may run ahead of ours. */
    clockSkewSec: number;
    /** Weight of today's earnings against distance when ranking offers (10000: the top earner counts as a full radius further away). */
    fairnessWeightBps: number;
    /** Where proof-of-delivery photos are kept. */
    storageDir: string;
    photoMaxBytes: number;
  };
  readonly membership: {
    shareCapitalMinimumWon: number;
    memberNoPrefix: string;
    /** How long a courier's own profile may be served from memory (0 turns the cache off). */
    profileCacheTtlMs: number;
  };

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
