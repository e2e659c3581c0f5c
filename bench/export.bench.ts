/**
 * Insurer batch export at scale: 100,000 active members, each with an enrolled group
 * accident cover (loaded with COPY), exported as one full batch per format (CSV, then
 * X12 834) by the real worker process, requested the way `BatchService.request` does it
 * (a queued batch and its outbox command in one transaction). For each: time from request
 * to ready, records/s, file size and the worker's RSS before and at its peak during the
 * build; then the file on disk is checked against the batch row (size, SHA-256) and its
 * own structure (line and segment counts, the trailer).
 *
 * Targets: CSV ≤ 5 s, 834 ≤ 10 s, and flat memory (the worker's peak RSS during a build
 * at most TARGET.rssGrowthMb above its RSS before it, whatever the file's size). A
 * measuring tool, not a test: only a wrong or failed batch makes it exit non-zero.
 *
 *   npm run bench:export
 *   BENCH_MEMBERS=20000 npm run bench:export   # smaller, quicker
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { seededRandom, seoulDate } from '@dure/common';
import { createDataSource, ensureDatabase, runMigrations } from '@dure/database';
import { positiveInt, runMain } from './support/cli';
import { deleteRedisKeys, dropDatabase } from './support/housekeeping';
import { ManagedProcess, benchEnv, findFreePort } from './support/processes';
import { machineInfo, table, writeResults } from './support/report';

// ---------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WORKER_ENTRY = path.join(REPO_ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');
const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'dure_bench_export';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DB_NAME}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_PREFIX = 'dure-bench-export';

const MEMBERS = positiveInt('BENCH_MEMBERS', 100_000);
const PREFERRED_PORT = positiveInt('BENCH_PORT', 3920);
const LOG_LEVEL = 'warn';
const DB_POOL_SIZE = 10;
const POLL_MS = 20;
const BUILD_TIMEOUT_MS = 300_000;
/** COPY input is sent in chunks of this many lines. */
const COPY_CHUNK = 5000;

type Format = 'csv' | 'x12-834';
const FORMATS: Format[] = ['csv', 'x12-834'];

/** The goals this benchmark exists to check. */
const TARGET = { seconds: { csv: 5, 'x12-834': 10 } as Record<Format, number>, rssGrowthMb: 64 };

// ---------------------------------------------------------------------------------------
// Data: members and their enrolments, loaded with COPY
// ---------------------------------------------------------------------------------------

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '홍'];
const GIVEN = ['민', '서', '지', '현', '우', '준', '영', '수', '하', '은', '도', '윤', '재', '성', '혜', '진', '호', '연', '경', '태'];

/** Sends `lines` (tab-separated, no line ends) to `COPY … FROM STDIN`, a chunk at a time. */
async function copyLines(db: Client, sql: string, lines: Iterable<string>): Promise<void> {
  function* chunks(): Generator<string> {
    let chunk = '';
    let n = 0;
    for (const line of lines) {
      chunk += `${line}\n`;
      if (++n % COPY_CHUNK === 0) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(chunks()), db.query(copyFrom(sql)));
}

interface Person {
  id: string;
  birthDate: string;
  genderDigit: 1 | 2;
}

/** Seeded people: the same names, birth dates and genders on every run. */
function people(count: number): Person[] {
  const random = seededRandom(20_261_122);
  return Array.from({ length: count }, () => {
    const year = 1960 + Math.floor(random() * 40); // 1960..1999: the RRN's 7th digit is 1 or 2
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    return {
      id: randomUUID(),
      birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      genderDigit: random() < 0.5 ? 1 : 2,
    };
  });
}

function* memberLines(members: Person[]): Generator<string> {
  const random = seededRandom(1_000_003);
  const pick = (list: string[]): string => list[Math.floor(random() * list.length)];
  const now = new Date().toISOString();
  for (const [i, m] of members.entries()) {
    const n = String(i + 1).padStart(6, '0');
    const rrnMasked = `${m.birthDate.slice(2).replace(/-/g, '')}-${m.genderDigit}******`;
    yield [
      m.id,
      `DR-2026-${n}`,
      'active',
      pick(SURNAMES) + pick(GIVEN) + pick(GIVEN),
      `010${String(i + 1).padStart(8, '0')}`,
      'bench-password-hash',
      m.birthDate,
      'bench-ciphertext',
      'k1',
      `bench-rrn-hash-${n}`,
      rrnMasked,
      'motorcycle',
      '대구은행',
      'bench-ciphertext',
      'k1',
      '***-****-0000',
      '예금주',
      now,
      now,
      now,
      now,
    ].join('\t');
  }
}

function* enrollmentLines(members: Person[]): Generator<string> {
  const now = new Date().toISOString();
  for (const [i, m] of members.entries()) {
    const coverageStart = `2026-${String(1 + (i % 11)).padStart(2, '0')}-01`;
    yield [m.id, 'group_accident', 'enrolled', `GA-2026-${String(i + 1).padStart(7, '0')}`, coverageStart, '조합원 가입', now, now].join('\t');
  }
}

/** The insurer, the members and one enrolled group accident cover each; returns the insurer's id. */
async function loadData(db: Client): Promise<string> {
  const members = people(MEMBERS);
  const insurer = await db.query<{ id: string }>(`INSERT INTO insurer (name, plans) VALUES ('벤치 손해보험', ARRAY['group_accident']) RETURNING id`);
  await copyLines(
    db,
    `COPY member (id, member_no, status, name, phone, password_hash, birth_date, rrn_ciphertext, rrn_key_id, rrn_hash, rrn_masked,
       vehicle_type, bank_name, bank_account_ciphertext, bank_account_key_id, bank_account_masked, account_holder,
       privacy_consented_at, insurance_consented_at, applied_at, approved_at) FROM STDIN`,
    memberLines(members),
  );
  await copyLines(
    db,
    `COPY insurance_enrollment (member_id, plan, status, certificate_no, coverage_start, acquisition_reason, changed_at, created_at) FROM STDIN`,
    enrollmentLines(members),
  );
  await db.query('ANALYZE');
  return insurer.rows[0].id;
}

// ---------------------------------------------------------------------------------------
// The worker's memory
// ---------------------------------------------------------------------------------------

/** VmRSS (now) and VmHWM (peak since start or since the last reset), in MB. */
function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** Resets VmHWM to the current RSS (Linux: clear_refs 5), so it gives one build's peak; false where that is not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Ready when it has scheduled its repeatable jobs (the insurance queue's keys appear). */
async function waitForWorker(worker: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!worker.running) throw new Error(`The worker exited with code ${worker.exitCode} before it was ready.\n${worker.output()}`);
      if ((await redis.keys(`${REDIS_PREFIX}:insurance:*`)).length > 0) return;
      await sleep(100);
    }
    throw new Error(`The worker was not ready after ${timeoutMs / 1000} s.\n${worker.output()}`);
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------------------------------
// One batch: request, poll until ready, measure
// ---------------------------------------------------------------------------------------

interface BatchRow {
  id: string;
  status: string;
  control_no: string;
  record_count: number | null;
  sha256: string | null;
  byte_size: string | null;
  file_key: string | null;
  error: string | null;
  dispatched: boolean;
}

interface Build {
  format: Format;
  batch: BatchRow;
  seconds: number;
  /** Seconds from the request to each observed step (polled every POLL_MS). */
  phases: { dispatchedSec: number; materializedSec: number; readySec: number };
  idleRssMb: number;
  peakRssMb: number;
  /** The highest RSS sampled while the records were materialized, and while the file was written. */
  sampledPeakMb: { materialize: number; write: number };
  /** How the peak was taken: VmHWM reset before the build, or the highest sample. */
  peakFrom: 'VmHWM' | 'sampled';
}

async function buildBatch(db: Client, worker: ManagedProcess, insurerId: string, format: Format): Promise<Build> {
  const pid = worker.pid as number;
  await sleep(500); // let the previous build's garbage settle before "idle"
  const idleRssMb = memoryOf(pid).rssMb;
  const hwmReset = resetPeak(pid);
  const sampledPeakMb = { materialize: idleRssMb, write: idleRssMb };

  const started = performance.now();
  await db.query('BEGIN');
  const created = await db.query<{ id: string }>(
    `INSERT INTO insurance_batch (insurer_id, kind, format, status, as_of, requested_by)
     VALUES ($1, 'full', $2, 'queued', $3, 'bench') RETURNING id`,
    [insurerId, format, seoulDate(new Date())],
  );
  const batchId = created.rows[0].id;
  const event = await db.query<{ id: string }>(`INSERT INTO outbox_event (topic, payload) VALUES ('insurance.batch-build', $1) RETURNING id`, [JSON.stringify({ batchId })]);
  await db.query('COMMIT');

  const phases = { dispatchedSec: NaN, materializedSec: NaN, readySec: NaN };
  for (;;) {
    const { rows } = await db.query<BatchRow>(
      `SELECT b.id, b.status, b.control_no, b.record_count, b.sha256, b.byte_size, b.file_key, b.error,
              (SELECT o.dispatched_at IS NOT NULL FROM outbox_event o WHERE o.id = $2) AS dispatched
         FROM insurance_batch b WHERE b.id = $1`,
      [batchId, event.rows[0].id],
    );
    const at = (performance.now() - started) / 1000;
    const batch = rows[0];
    const phase = batch.status === 'queued' ? 'materialize' : 'write';
    sampledPeakMb[phase] = Math.max(sampledPeakMb[phase], memoryOf(pid).rssMb);
    if (batch.dispatched && Number.isNaN(phases.dispatchedSec)) phases.dispatchedSec = at;
    if (batch.status !== 'queued' && Number.isNaN(phases.materializedSec)) phases.materializedSec = at;
    if (batch.status === 'ready') {
      phases.readySec = at;
      const hwm = memoryOf(pid).hwmMb;
      const sampledPeak = Math.max(sampledPeakMb.materialize, sampledPeakMb.write);
      return {
        format,
        batch,
        seconds: at,
        phases,
        idleRssMb,
        peakRssMb: hwmReset ? Math.max(hwm, sampledPeak) : sampledPeak,
        sampledPeakMb,
        peakFrom: hwmReset ? 'VmHWM' : 'sampled',
      };
    }
    if (batch.status === 'failed') throw new Error(`the ${format} batch failed: ${batch.error}\n${worker.output()}`);
    if (!worker.running) throw new Error(`the worker exited during the ${format} build\n${worker.output()}`);
    if (at * 1000 > BUILD_TIMEOUT_MS) throw new Error(`the ${format} batch was not ready after ${BUILD_TIMEOUT_MS / 1000} s (status ${batch.status})\n${worker.output()}`);
    await sleep(POLL_MS);
  }
}

// ---------------------------------------------------------------------------------------
// Verification: the file on disk against the batch row and its own structure
// ---------------------------------------------------------------------------------------

interface FileScan {
  sha256: string;
  bytes: number;
  /** Line ends (`\n`) in the file. */
  lines: number;
  lastLine: string;
  endsWithNewline: boolean;
}

/** Hashes and measures a file and hands each line (without its `\n`) to `onLine`, in one pass. */
async function scanFile(file: string, onLine: (line: string) => void): Promise<FileScan> {
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let lines = 0;
  let partial = '';
  let lastLine = '';
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    const parts = (partial + decoder.write(chunk)).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines++;
      lastLine = line;
      onLine(line);
    }
  }
  partial += decoder.end();
  if (partial) {
    lastLine = partial;
    onLine(partial);
  }
  return { sha256: hash.digest('hex'), bytes, lines, lastLine, endsWithNewline: partial === '' };
}

interface Verification {
  format: Format;
  file: string;
  checks: { name: string; ok: boolean; detail: string }[];
  ok: boolean;
}

async function verify(storageDir: string, build: Build): Promise<Verification> {
  const { batch, format } = build;
  const checks: Verification['checks'] = [];
  const check = (name: string, ok: boolean, detail: string): void => {
    checks.push({ name, ok, detail });
  };
  const file = path.join(storageDir, 'insurance-batches', batch.file_key ?? '(no file key)');
  check('record_count', batch.record_count === MEMBERS, `${batch.record_count} (expected ${MEMBERS})`);

  const size = await stat(file).then((s) => s.size, () => null);
  check('file exists', size !== null, file);
  if (size === null) return { format, file, checks, ok: false };
  check('byte_size', size === Number(batch.byte_size), `${size} on disk, ${batch.byte_size} stored`);

  let insSegments = 0;
  let stLine = -1;
  let seLine = -1;
  let se01 = -1;
  let lineNo = 0;
  const scan = await scanFile(file, (line) => {
    if (format !== 'x12-834') return;
    if (line.startsWith('INS*')) insSegments++;
    else if (line.startsWith('ST*')) stLine = lineNo;
    else if (line.startsWith('SE*')) {
      seLine = lineNo;
      se01 = Number(line.split('*')[1]);
    }
    lineNo++;
  });
  check('sha256', scan.sha256 === batch.sha256 && scan.bytes === size, `${scan.sha256} computed, ${batch.sha256} stored`);

  if (format === 'csv') {
    check('lines', scan.lines === MEMBERS + 2 && scan.endsWithNewline, `${scan.lines} (expected ${MEMBERS} records + control + header)`);
  } else {
    const iea = `IEA*1*${batch.control_no.padStart(9, '0')}~`;
    check('trailer', scan.lastLine === iea && scan.endsWithNewline, `last line "${scan.lastLine}" (expected "${iea}" and a newline)`);
    check('INS segments', insSegments === MEMBERS, `${insSegments} (expected ${MEMBERS})`);
    const segments = seLine - stLine + 1;
    check('SE01', stLine >= 0 && se01 === segments, `SE01 ${se01}, ${segments} segments from ST to SE`);
  }
  return { format, file, checks, ok: checks.every((c) => c.ok) };
}

// ---------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------

const mb = (bytes: number): number => bytes / 1024 / 1024;

function printResults(builds: Build[]): void {
  table(
    ['format', 'records', 'seconds', 'records/s', 'MB', 'worker idle RSS MB', 'worker peak RSS MB', ''],
    builds.map((b) => [
      b.format,
      (b.batch.record_count ?? 0).toLocaleString('en-US'),
      b.seconds.toFixed(2),
      Math.round((b.batch.record_count ?? 0) / b.seconds).toLocaleString('en-US'),
      mb(Number(b.batch.byte_size)).toFixed(1),
      b.idleRssMb.toFixed(0),
      b.peakRssMb.toFixed(0),
      `peak from ${b.peakFrom}`,
    ]),
  );
  console.log(`\nPhases (seconds from the request as the bench saw them, ±${POLL_MS} ms; highest RSS sampled in each):`);
  table(
    ['format', 'outbox dispatched', 'records materialized', 'file written + ready', 'materialize', 'write file', 'RSS MB materialize / write'],
    builds.map((b) => [
      b.format,
      b.phases.dispatchedSec.toFixed(2),
      b.phases.materializedSec.toFixed(2),
      b.phases.readySec.toFixed(2),
      (b.phases.materializedSec - b.phases.dispatchedSec).toFixed(2),
      (b.phases.readySec - b.phases.materializedSec).toFixed(2),
      `${b.sampledPeakMb.materialize.toFixed(0)} / ${b.sampledPeakMb.write.toFixed(0)}`,
    ]),
  );
}

function evaluate(builds: Build[]): { name: string; pass: boolean; detail: string }[] {
  return builds.flatMap((b) => [
    {
      name: `${b.format} ≤ ${TARGET.seconds[b.format]} s`,
      pass: b.seconds <= TARGET.seconds[b.format],
      detail: `${b.seconds.toFixed(2)} s`,
    },
    {
      name: `${b.format} memory flat (peak ≤ idle + ${TARGET.rssGrowthMb} MB)`,
      pass: b.peakRssMb - b.idleRssMb <= TARGET.rssGrowthMb,
      detail: `${b.idleRssMb.toFixed(0)} → ${b.peakRssMb.toFixed(0)} MB (+${(b.peakRssMb - b.idleRssMb).toFixed(0)} MB for a ${mb(Number(b.batch.byte_size)).toFixed(1)} MB file)`,
    },
  ]);
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const machine = machineInfo();
  console.log(`Dure insurer batch export benchmark: ${MEMBERS.toLocaleString('en-US')} enrolled members, full batch as CSV and X12 834`);
  console.log(`  machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}; node ${machine.node}`);
  console.log(`  worker: NODE_ENV=development, LOG_LEVEL=${LOG_LEVEL}, DURE_DB_POOL_SIZE=${DB_POOL_SIZE}`);
  console.log(`  load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)\n`);

  await dropDatabase(PG_ADMIN_URL, DB_NAME);
  await deleteRedisKeys(REDIS_URL, REDIS_PREFIX, 1000);
  await ensureDatabase(DATABASE_URL);
  const ds = createDataSource({ url: DATABASE_URL, applicationName: 'bench-export' });
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'dure-bench-export-'));

  const db = new Client({ connectionString: DATABASE_URL, application_name: 'bench-export' });
  await db.connect();
  let worker: ManagedProcess | undefined;
  const onSignal = (): void => {
    worker?.kill();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const builds: Build[] = [];
  const verifications: Verification[] = [];
  let loadSec = 0;
  let workerIdleMb = 0;
  let failure: string | undefined;
  try {
    const loadStarted = performance.now();
    const insurerId = await loadData(db);
    loadSec = (performance.now() - loadStarted) / 1000;
    console.log(`Loaded ${MEMBERS.toLocaleString('en-US')} members and enrolments with COPY in ${loadSec.toFixed(1)} s`);

    const port = await findFreePort(PREFERRED_PORT);
    const env = benchEnv({
      port,
      databaseUrl: DATABASE_URL,
      redisUrl: REDIS_URL,
      redisPrefix: REDIS_PREFIX,
      admin: { login: 'admin', password: 'bench-admin-password' },
      logLevel: LOG_LEVEL,
      dbPoolSize: DB_POOL_SIZE,
    });
    worker = new ManagedProcess('worker', WORKER_ENTRY, REPO_ROOT, { ...env, DURE_STORAGE_DIR: storageDir });
    await waitForWorker(worker);
    workerIdleMb = memoryOf(worker.pid as number).rssMb;
    console.log(`Worker ready (pid ${worker.pid}, ${workerIdleMb.toFixed(0)} MB RSS idle); files under ${storageDir}\n`);

    for (const format of FORMATS) {
      process.stdout.write(`  ${format}: building ... `);
      const build = await buildBatch(db, worker, insurerId, format);
      builds.push(build);
      console.log(`ready in ${build.seconds.toFixed(2)} s; verifying ... `);
      const v = await verify(storageDir, build);
      verifications.push(v);
      for (const c of v.checks) console.log(`    ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    }
  } catch (err: unknown) {
    failure = err instanceof Error ? err.message : String(err);
    console.error(`\nBenchmark aborted: ${failure}`);
  } finally {
    await db.end().catch(() => undefined);
    await worker?.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    const deleted = await deleteRedisKeys(REDIS_URL, REDIS_PREFIX, 1000);
    await dropDatabase(PG_ADMIN_URL, DB_NAME);
    await rm(storageDir, { recursive: true, force: true });
    console.log(`\nWorker stopped; deleted ${deleted} Redis keys under ${REDIS_PREFIX}:*, database ${DB_NAME} and ${storageDir}`);
  }
  // Anything the worker wrote at warn level or above is worth seeing.
  const output = worker?.output();
  if (output) console.log(`\n${output}`);
  if (failure) return 1;

  console.log('');
  printResults(builds);
  const targets = evaluate(builds);
  console.log('\nTargets:');
  for (const t of targets) console.log(`  ${t.name}: ${t.pass ? 'PASS' : 'FAIL'} (${t.detail})`);
  const correct = verifications.length === FORMATS.length && verifications.every((v) => v.ok);
  console.log(`Correctness: ${correct ? 'both files match their batch rows and structure' : 'FAILED (see the checks above)'}`);

  const file = await writeResults(RESULTS_DIR, 'export', {
    when: new Date().toISOString(),
    machine,
    loadAverageAtEnd: os.loadavg(),
    settings: { members: MEMBERS, logLevel: LOG_LEVEL, dbPoolSize: DB_POOL_SIZE, pollMs: POLL_MS },
    loadSec,
    workerIdleMb,
    targets: TARGET,
    builds: builds.map((b) => ({
      format: b.format,
      records: b.batch.record_count,
      seconds: b.seconds,
      recordsPerSec: (b.batch.record_count ?? 0) / b.seconds,
      bytes: Number(b.batch.byte_size),
      sha256: b.batch.sha256,
      phases: b.phases,
      idleRssMb: b.idleRssMb,
      peakRssMb: b.peakRssMb,
      peakFrom: b.peakFrom,
      sampledPeakMb: b.sampledPeakMb,
    })),
    verifications: verifications.map((v) => ({ format: v.format, ok: v.ok, checks: v.checks })),
    results: targets,
  });
  console.log(`Results written to ${path.relative(REPO_ROOT, file)}`);
  return correct ? 0 : 1;
}

runMain(main);
