/**
 * Settlement at scale: 1,000,000 delivered jobs across 5,000 members (loaded with COPY),
 * settled as one weekly period by the real worker process, with its time, rows/s and peak
 * RSS. Target: ≤ 20 s and flat memory (peak RSS < 300 MB).
 *
 *   npm run bench:settlement
 *   BENCH_JOBS=200000 BENCH_MEMBERS=1000 npm run bench:settlement   # smaller, quicker
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import Redis from 'ioredis';
import { seededRandom } from '@dure/common';
import { createDataSource, runMigrations } from '@dure/database';
import { previousWeek } from '@dure/billing';
import { ManagedProcess } from './support/processes';

const ROOT = path.resolve(__dirname, '..', '..');
const DB = 'dure_bench_settlement';
const SERVER = 'postgres://postgres@127.0.0.1:5432';
const DATABASE_URL = `${SERVER}/${DB}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = 'dure-bench-settlement';
const JOBS = Number(process.env.BENCH_JOBS ?? 1_000_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5_000);
const CLIENTS = 50;
const TARGET = { seconds: 20, rssMb: 300 };

async function admin<T>(work: (c: Client) => Promise<T>, db = 'postgres'): Promise<T> {
  const c = new Client({ connectionString: `${SERVER}/${db}` });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A COPY … FROM STDIN fed by a generator of tab-separated lines, in chunks. */
async function copyRows(c: Client, sql: string, rows: Iterable<string>): Promise<void> {
  const source = Readable.from(
    (function* () {
      let batch: string[] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length === 5000) {
          yield batch.join('\n') + '\n';
          batch = [];
        }
      }
      if (batch.length) yield batch.join('\n') + '\n';
    })(),
  );
  await pipeline(source, c.query(copyFrom(sql)));
}

function memberRows(ids: string[]): Iterable<string> {
  const now = new Date().toISOString();
  return ids.map((id, i) =>
    [
      id,
      `DR-2026-${String(i + 1).padStart(5, '0')}`,
      'active',
      `벤치${i}`,
      `0108${String(i).padStart(7, '0')}`,
      'x',
      '1980-01-01',
      'bench',
      'k1',
      `hash-${i}`,
      '800101-1******',
      'motorcycle',
      '대구은행',
      'bench',
      'k1',
      '***-****-0000',
      `벤치${i}`,
      now,
      now,
      now,
      now,
    ].join('\t'),
  );
}

function* orderRows(members: string[], clients: string[], from: Date, random: () => number): Iterable<string> {
  const week = 7 * 86_400_000 - 60_000;
  for (let i = 0; i < JOBS; i++) {
    const r = random();
    const method = r < 0.45 ? 'cash' : r < 0.8 ? 'credit' : 'prepaid';
    const fare = 3000 + Math.floor(random() * 40_000) + 7;
    const fee = Math.floor((fare * 1000) / 10_000);
    const delivered = new Date(from.getTime() + Math.floor(random() * week));
    const created = new Date(delivered.getTime() - 3_600_000).toISOString();
    yield [
      randomUUID(),
      'delivered',
      '대구 중구 동성로',
      35.87,
      128.59,
      '보냄',
      '053-000-0000',
      '대구 수성구',
      35.83,
      128.62,
      '받음',
      '053-000-0001',
      '물품',
      'motorcycle',
      'normal',
      method,
      method === 'credit' ? clients[i % clients.length] : '\\N',
      fare,
      'agreed',
      fare,
      6000,
      'manual',
      members[i % members.length],
      fee,
      1000,
      'bench',
      'bench',
      created,
      created,
      created,
      delivered.toISOString(),
    ].join('\t');
  }
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function main(): Promise<void> {
  console.log(`Dure settlement benchmark: ${JOBS.toLocaleString()} jobs, ${MEMBERS.toLocaleString()} members`);
  console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}`);

  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  const ds = createDataSource({ url: DATABASE_URL, applicationName: 'bench-settlement' });
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();

  const { periodStart, periodEnd } = previousWeek(new Date());
  const from = new Date(`${periodStart}T00:00:00+09:00`);
  const members = Array.from({ length: MEMBERS }, () => randomUUID());
  const clients = Array.from({ length: CLIENTS }, () => randomUUID());
  const loadStarted = Date.now();
  await admin(async (c) => {
    for (const [i, id] of clients.entries()) {
      await c.query(`INSERT INTO client (id, name, business_no, credit_account) VALUES ($1, $2, $3, true)`, [id, `거래처${i}`, String(1_000_000_000 + i)]);
    }
    await copyRows(
      c,
      `COPY member (id, member_no, status, name, phone, password_hash, birth_date, rrn_ciphertext, rrn_key_id, rrn_hash, rrn_masked,
         vehicle_type, bank_name, bank_account_ciphertext, bank_account_key_id, bank_account_masked, account_holder,
         privacy_consented_at, insurance_consented_at, applied_at, approved_at) FROM STDIN`,
      memberRows(members),
    );
    await copyRows(
      c,
      `COPY delivery_order (id, status, pickup_address, pickup_lat, pickup_lng, pickup_contact_name, pickup_contact_phone,
         dropoff_address, dropoff_lat, dropoff_lng, dropoff_contact_name, dropoff_contact_phone, item_description, vehicle_type,
         urgency, payment_method, client_id, fare_won, fare_source, quoted_fare_won, distance_m, dispatch_mode, assigned_member_id,
         fee_won, fee_rate_bps, created_by_type, created_by_id, created_at, assigned_at, picked_up_at, delivered_at) FROM STDIN`,
      // Seeded, so every run loads the same data.
      orderRows(members, clients, from, seededRandom(1_000_000)),
    );
    await c.query('ANALYZE');
  }, DB);
  const loadSec = (Date.now() - loadStarted) / 1000;
  console.log(`  loaded with COPY in ${loadSec.toFixed(1)} s (${Math.round(JOBS / loadSec).toLocaleString()} jobs/s)`);

  const worker = new ManagedProcess('worker', path.join(ROOT, 'dist/apps/worker/src/main.js'), ROOT, {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL,
    REDIS_URL,
    DURE_REDIS_PREFIX: PREFIX,
    DURE_MIGRATE_ON_BOOT: 'false',
    LOG_LEVEL: 'warn',
    DURE_DB_POOL_SIZE: '10',
  });
  try {
    // Ready when it has scheduled its repeatable jobs (the queue keys appear).
    const redis = new Redis(REDIS_URL);
    for (let i = 0; i < 300 && (await redis.keys(`${PREFIX}:billing:*`)).length === 0; i++) await sleep(100);
    redis.disconnect();
    const idle = memoryOf(worker.pid as number);

    const runId = randomUUID();
    const started = Date.now();
    let sampledPeak = idle.rssMb;
    await admin(async (c) => {
      await c.query('BEGIN');
      await c.query(`INSERT INTO settlement_run (id, period_start, period_end, status, requested_by) VALUES ($1, $2, $3, 'queued', 'bench')`, [runId, periodStart, periodEnd]);
      await c.query(`INSERT INTO outbox_event (topic, payload) VALUES ('billing.settlement-run', $1)`, [JSON.stringify({ runId })]);
      await c.query('COMMIT');
      for (;;) {
        const { rows } = await c.query(`SELECT status, progress, error FROM settlement_run WHERE id = $1`, [runId]);
        sampledPeak = Math.max(sampledPeak, memoryOf(worker.pid as number).rssMb);
        if (rows[0].status === 'done') break;
        if (rows[0].status === 'failed') throw new Error(`settlement failed: ${rows[0].error}\n${worker.output()}`);
        if (!worker.running) throw new Error(`the worker exited\n${worker.output()}`);
        await sleep(100);
      }
    }, DB);
    const seconds = (Date.now() - started) / 1000;
    const mem = memoryOf(worker.pid as number);

    const check = await admin(
      async (c) =>
        (
          await c.query(`SELECT (SELECT count(*) FROM settlement_statement)::int AS statements, (SELECT count(*) FROM settlement_line)::int AS lines,
                                (SELECT sum(fee_won) FROM settlement_statement)::bigint AS st_fee, (SELECT sum(fee_won) FROM settlement_line)::bigint AS line_fee,
                                (SELECT count(*) FROM payout)::int AS payouts, (SELECT count(*) FROM ledger_entry)::int AS entries`)
        ).rows[0],
      DB,
    );
    const ok = check.statements === MEMBERS && check.lines === JOBS && check.st_fee === check.line_fee;
    const pass = seconds <= TARGET.seconds && mem.peakMb < TARGET.rssMb;
    console.log('');
    console.log(`  period ${periodStart} ~ ${periodEnd}: ${check.statements.toLocaleString()} statements, ${check.lines.toLocaleString()} lines, ${check.payouts.toLocaleString()} payouts, ${check.entries.toLocaleString()} ledger entries`);
    console.log(`  settled in ${seconds.toFixed(1)} s (request to done, through the outbox and the worker): ${Math.round(JOBS / seconds).toLocaleString()} jobs/s`);
    console.log(`  worker RSS: ${idle.rssMb.toFixed(0)} MB idle, ${sampledPeak.toFixed(0)} MB highest sampled, ${mem.peakMb.toFixed(0)} MB peak (VmHWM, since start)`);
    console.log(`  consistency: ${ok ? 'statements, lines and fees agree' : 'MISMATCH'}`);
    console.log(`Target: ≤ ${TARGET.seconds} s and peak RSS < ${TARGET.rssMb} MB: ${pass ? 'PASS' : 'FAIL'}`);
    await mkdir(path.join(ROOT, 'bench', 'results'), { recursive: true });
    const file = path.join(ROOT, 'bench', 'results', `settlement-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(file, JSON.stringify({ jobs: JOBS, members: MEMBERS, loadSec, seconds, idle, sampledPeakMb: sampledPeak, peakMb: mem.peakMb, check, pass }, null, 2));
    console.log(`Results written to ${path.relative(ROOT, file)}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await worker.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
