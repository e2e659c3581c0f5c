/**
 * Auth-path benchmark: how fast does the real API answer an authenticated request
 * (`GET /api/v1/courier/me`) compared with a bare liveness probe (`GET /health`), and how
 * many logins per second does the deliberately expensive password hash allow?
 *
 * It runs the compiled API as a child process against its own Postgres database and
 * Redis prefix, prepares one approved courier over HTTP, drives the endpoints with
 * autocannon and prints a table. It is a measuring tool, not a test: only broken runs
 * (non-2xx or connection errors on /health or /courier/me) make it exit non-zero.
 *
 *   npm run bench:auth                       # 10 s per endpoint
 *   BENCH_DURATION_SEC=30 npm run bench:auth # longer, steadier figures
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { Client } from 'pg';

// ---------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const API_ENTRY = path.join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'dure_bench_auth';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DB_NAME}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_PREFIX = 'dure-bench-auth';

const ADMIN = { login: 'admin', password: 'bench-admin-password' };
const COURIER_APPLICATION = {
  name: '벤치',
  phone: '010-5555-0001',
  password: 'bench-courier-1234',
  birthDate: '1985-04-12',
  rrn: '850412-1234567',
  vehicleType: 'motorcycle',
  bankName: '대구은행',
  bankAccount: '508-10-123456',
  accountHolder: '벤치',
  consents: { privacy: true, insurance: true },
};
const COURIER = { login: COURIER_APPLICATION.phone, password: COURIER_APPLICATION.password };

const CONNECTIONS = 50;
const WARMUP_SEC = 2;
const DURATION_SEC = positiveInt('BENCH_DURATION_SEC', 10);
const PREFERRED_PORT = positiveInt('BENCH_PORT', 3900);
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_LEVEL = 'warn';

/** The goal this benchmark exists to check. */
const TARGET = { endpoint: 'GET /api/v1/courier/me', minRatioToHealth: 0.25, maxP99Ms: 20 };

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return n;
}

// ---------------------------------------------------------------------------------------
// Postgres and Redis housekeeping
// ---------------------------------------------------------------------------------------

/** Starts from an empty database so every run measures the same data, not leftovers. */
async function dropBenchDatabase(): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    // FORCE: a previous run that died may still hold connections open.
    await client.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Deletes every key the API wrote under the bench prefix (queues, throttle counters, ...). */
async function deleteBenchRedisKeys(): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    const stream = redis.scanStream({ match: `${REDIS_PREFIX}:*`, count: 500 });
    for await (const batch of stream) {
      const keys = batch as string[];
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

// ---------------------------------------------------------------------------------------
// The API child process
// ---------------------------------------------------------------------------------------

/** Keeps the last lines a stream wrote, so a failure can be reported with the API's own words. */
class TailBuffer {
  private readonly lines: string[] = [];
  private partial = '';
  total = 0;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  text(): string {
    if (this.partial) {
      this.add(this.partial);
      this.partial = '';
    }
    return this.lines.join('\n');
  }

  private add(line: string): void {
    this.total++;
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
}

interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  stdout: TailBuffer;
  stderr: TailBuffer;
  exited: Promise<number | null>;
}

/** 3900 unless taken (or BENCH_PORT), else whatever port the OS hands out. */
async function findFreePort(preferred: number): Promise<number> {
  const tryListen = (port: number): Promise<number | null> =>
    new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const actual = typeof address === 'object' && address ? address.port : null;
        server.close(() => resolve(actual));
      });
    });
  const port = (await tryListen(preferred)) ?? (await tryListen(0));
  if (port === null) throw new Error('Could not find a free TCP port');
  return port;
}

function startApi(port: number): ApiProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    // Loopback only: the bench has no reason to expose a server with known passwords.
    HOST: '127.0.0.1',
    DATABASE_URL,
    REDIS_URL,
    DURE_REDIS_PREFIX: REDIS_PREFIX,
    DURE_ADMIN_LOGIN: ADMIN.login,
    DURE_ADMIN_PASSWORD: ADMIN.password,
    DURE_DEMO: 'false',
    DURE_MIGRATE_ON_BOOT: 'true',
    // Per-request logging at info would cost more than the handlers being measured.
    LOG_LEVEL,
    DURE_DB_POOL_SIZE: '20',
    // The longest allowed lifetime, so a long BENCH_DURATION_SEC cannot outlive the token.
    DURE_ACCESS_TOKEN_TTL_SEC: '3600',
  };
  const child = spawn(process.execPath, [API_ENTRY], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = new TailBuffer(200);
  const stderr = new TailBuffer(200);
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, baseUrl: `http://127.0.0.1:${port}`, stdout, stderr, exited };
}

/** Polls readiness (Postgres and Redis reachable, migrations done) rather than guessing a delay. */
async function waitUntilReady(api: ApiProcess): Promise<void> {
  let exitCode: number | null | undefined;
  void api.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`The API exited with code ${exitCode} before it was ready.\n${apiOutput(api)}`);
    }
    try {
      const res = await fetch(`${api.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (err: unknown) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(250);
  }
  throw new Error(`The API was not ready after ${READY_TIMEOUT_MS / 1000} s (last: ${last}).\n${apiOutput(api)}`);
}

/** SIGTERM lets Nest close its pools; SIGKILL only if it hangs. */
async function stopApi(api: ApiProcess): Promise<void> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill('SIGTERM');
  const done = await Promise.race([api.exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!done) {
    console.error(`The API did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; sending SIGKILL.`);
    api.child.kill('SIGKILL');
    await api.exited;
  }
}

function apiOutput(api: ApiProcess): string {
  const section = (name: string, buf: TailBuffer): string => {
    const text = buf.text();
    return text ? `--- API ${name} (${buf.total} lines, last ${Math.min(buf.total, 200)} shown) ---\n${text}` : '';
  };
  return [section('stdout', api.stdout), section('stderr', api.stderr)].filter(Boolean).join('\n');
}

// ---------------------------------------------------------------------------------------
// Data preparation over HTTP (the same path a real client takes)
// ---------------------------------------------------------------------------------------

class HttpError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${url} → HTTP ${status}: ${body}`);
    this.name = 'HttpError';
  }
}

async function callJson(
  baseUrl: string,
  method: 'GET' | 'POST',
  route: string,
  options: { body?: unknown; token?: string; expect: number },
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const url = `${baseUrl}${route}`;
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status !== options.expect) throw new HttpError(method, url, res.status, text);
  return JSON.parse(text) as Record<string, unknown>;
}

function stringField(obj: Record<string, unknown>, field: string, what: string): string {
  const value = obj[field];
  if (typeof value !== 'string' || !value) throw new Error(`${what}: response has no "${field}": ${JSON.stringify(obj)}`);
  return value;
}

async function login(baseUrl: string, credentials: { login: string; password: string }): Promise<string> {
  const res = await callJson(baseUrl, 'POST', '/api/v1/auth/login', { body: credentials, expect: 200 });
  return stringField(res, 'accessToken', `login as ${credentials.login}`);
}

/**
 * Couriers for the sign-in load, one per connection: the throttle caps attempts in flight
 * per login (a burst of parallel guesses must not all be checked), so many people signing
 * in is measured as many logins, not one login fifty times at once.
 */
async function prepareLoginCouriers(baseUrl: string, adminToken: string): Promise<{ login: string; password: string }[]> {
  const couriers = Array.from({ length: CONNECTIONS }, (_, i) => ({
    ...COURIER_APPLICATION,
    name: `벤치${i}`,
    phone: `010-5556-${String(i).padStart(4, '0')}`,
    rrn: `850412-1${String(100_000 + i).slice(-6)}`,
  }));
  for (let i = 0; i < couriers.length; i += 5) {
    await Promise.all(
      couriers.slice(i, i + 5).map(async (c) => {
        const created = await callJson(baseUrl, 'POST', '/api/v1/courier/applications', { body: c, expect: 201 });
        const memberId = stringField(created, 'memberId', 'courier application');
        await callJson(baseUrl, 'POST', `/api/v1/admin/members/${memberId}/approve`, { token: adminToken, expect: 200 });
      }),
    );
  }
  return couriers.map((c) => ({ login: c.phone, password: c.password }));
}

/** Admin signs in, a courier applies, the admin approves; returns the courier's access token. */
async function prepareCourier(baseUrl: string): Promise<string> {
  const adminToken = await login(baseUrl, ADMIN);
  loginCouriers = await prepareLoginCouriers(baseUrl, adminToken);
  const created = await callJson(baseUrl, 'POST', '/api/v1/courier/applications', {
    body: COURIER_APPLICATION,
    expect: 201,
  });
  const memberId = stringField(created, 'memberId', 'courier application');
  await callJson(baseUrl, 'POST', `/api/v1/admin/members/${memberId}/approve`, { token: adminToken, expect: 200 });
  const courierToken = await login(baseUrl, COURIER);
  // One probe before the load, so a broken endpoint fails here with its body, not as a count.
  await callJson(baseUrl, 'GET', '/api/v1/courier/me', { token: courierToken, expect: 200 });
  return courierToken;
}

// ---------------------------------------------------------------------------------------
// Load runs
// ---------------------------------------------------------------------------------------

let loginCouriers: { login: string; password: string }[] = [];

interface Scenario {
  name: string;
  /** Per connection: e.g. a different courier's credentials for each. */
  setupClient?: (client: autocannon.Client) => void;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A broken run of this endpoint makes the whole benchmark fail. */
  mustSucceed: boolean;
}

interface ErrorSample {
  status: number;
  body: string;
}

interface ScenarioResult {
  name: string;
  reqPerSec: number;
  totalRequests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  errorSamples: ErrorSample[];
  mustSucceed: boolean;
}

const MAX_ERROR_SAMPLES = 3;

function runAutocannon(baseUrl: string, scenario: Scenario, seconds: number, samples: ErrorSample[]): Promise<autocannon.Result> {
  return autocannon({
    url: `${baseUrl}${scenario.path}`,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: scenario.setupClient,
    requests: [
      {
        // Keep the first few failures' bodies: a count alone does not say what went wrong.
        onResponse: (status: number, body: string) => {
          if ((status < 200 || status > 299) && samples.length < MAX_ERROR_SAMPLES) {
            samples.push({ status, body: body.slice(0, 500) });
          }
        },
      },
    ],
  });
}

async function runScenario(baseUrl: string, scenario: Scenario): Promise<ScenarioResult> {
  process.stdout.write(`  ${scenario.name}: warm-up ${WARMUP_SEC} s, measure ${DURATION_SEC} s ... `);
  // Warm-up: JIT, connection pools and caches settle before anything is recorded.
  await runAutocannon(baseUrl, scenario, WARMUP_SEC, []);
  const samples: ErrorSample[] = [];
  const r = await runAutocannon(baseUrl, scenario, DURATION_SEC, samples);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  console.log(`${r.requests.total} requests`);
  return {
    name: scenario.name,
    reqPerSec: r.requests.average,
    totalRequests: r.requests.total,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    errorSamples: samples,
    mustSucceed: scenario.mustSucceed,
  };
}

function scenarios(courierToken: string): Scenario[] {
  return [
    { name: 'GET /health', method: 'GET', path: '/health', mustSucceed: true },
    {
      name: TARGET.endpoint,
      method: 'GET',
      path: '/api/v1/courier/me',
      headers: { authorization: `Bearer ${courierToken}` },
      mustSucceed: true,
    },
    {
      // Only successful logins, one courier per connection, so the throttle never engages.
      name: 'POST /api/v1/auth/login',
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(COURIER),
      setupClient: (() => {
        let next = 0;
        return (client: autocannon.Client) => client.setBody(JSON.stringify(loginCouriers[next++ % loginCouriers.length]));
      })(),
      mustSucceed: false,
    },
  ];
}

// ---------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------

function isBroken(r: ScenarioResult): boolean {
  return r.non2xx > 0 || r.errors > 0;
}

function machineInfo(): { cpus: number; cpuModel: string; node: string; platform: string; memoryGiB: number } {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  };
}

function printTable(results: ScenarioResult[]): void {
  const health = results[0].reqPerSec;
  const rows = results.map((r) => [
    r.name,
    r.reqPerSec.toFixed(1),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.non2xx),
    `${r.errors}/${r.timeouts}`,
    health > 0 ? `${((r.reqPerSec / health) * 100).toFixed(1)}%` : 'n/a',
    isBroken(r) ? '<-- NON-2XX/ERRORS' : '',
  ]);
  const header = ['endpoint', 'req/s avg', 'p50 ms', 'p99 ms', 'non-2xx', 'err/timeout', 'vs /health', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  ').trimEnd());
  for (const row of rows) console.log(line(row));
}

function printFailures(results: ScenarioResult[]): void {
  for (const r of results.filter(isBroken)) {
    console.log(`\n!! ${r.name}: ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts); status codes ${JSON.stringify(r.statusCodes)}`);
    for (const s of r.errorSamples) console.log(`   sample HTTP ${s.status}: ${s.body}`);
  }
}

function evaluateTarget(results: ScenarioResult[]): { pass: boolean; ratio: number; p99Ms: number } {
  const health = results.find((r) => r.name === 'GET /health');
  const me = results.find((r) => r.name === TARGET.endpoint);
  if (!health || !me) throw new Error('missing results for the target check');
  const ratio = health.reqPerSec > 0 ? me.reqPerSec / health.reqPerSec : 0;
  const pass = ratio >= TARGET.minRatioToHealth && me.p99Ms < TARGET.maxP99Ms && !isBroken(me);
  return { pass, ratio, p99Ms: me.p99Ms };
}

async function writeJson(data: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `auth-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const machine = machineInfo();
  console.log('Dure auth benchmark');
  console.log(`  machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}`);
  console.log(`  node ${machine.node}; ${CONNECTIONS} connections; ${WARMUP_SEC} s warm-up + ${DURATION_SEC} s per endpoint`);
  console.log(`  API: NODE_ENV=development, LOG_LEVEL=${LOG_LEVEL} (request logs off), DURE_DB_POOL_SIZE=20`);
  console.log('  note: autocannon runs on the same machine as the API, Postgres and Redis and shares its CPUs\n');

  await dropBenchDatabase();
  const port = await findFreePort(PREFERRED_PORT);
  const api = startApi(port);
  // Ctrl-C must not leave an orphaned API holding the port.
  const onSignal = (): void => {
    api.child.kill('SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);

  let results: ScenarioResult[] = [];
  try {
    await waitUntilReady(api);
    console.log(`API ready at ${api.baseUrl} (database ${DB_NAME}, Redis prefix ${REDIS_PREFIX})`);
    const courierToken = await prepareCourier(api.baseUrl);
    console.log('Courier applied, approved and signed in. Running:');
    for (const scenario of scenarios(courierToken)) results.push(await runScenario(api.baseUrl, scenario));
  } catch (err: unknown) {
    console.error(`\nBenchmark aborted: ${err instanceof Error ? err.message : String(err)}`);
    const output = apiOutput(api);
    if (output) console.error(output);
    results = [];
  } finally {
    await stopApi(api);
    process.removeListener('SIGINT', onSignal);
    const deleted = await deleteBenchRedisKeys();
    console.log(`\nAPI stopped; deleted ${deleted} Redis keys under ${REDIS_PREFIX}:* (database ${DB_NAME} kept until the next run)`);
  }
  if (results.length === 0) return 1;

  console.log('');
  printTable(results);
  printFailures(results);
  const target = evaluateTarget(results);
  console.log(
    `\nTarget: ${TARGET.endpoint} at >= ${TARGET.minRatioToHealth * 100}% of /health throughput with p99 < ${TARGET.maxP99Ms} ms ` +
      `at ${CONNECTIONS} connections: ${target.pass ? 'PASS' : 'FAIL'} ` +
      `(${(target.ratio * 100).toFixed(1)}%, p99 ${target.p99Ms.toFixed(1)} ms)`,
  );

  // Anything the API wrote at warn level or above during the run is worth seeing.
  const output = apiOutput(api);
  if (output) console.log(`\n${output}`);

  const file = await writeJson({
    when: new Date().toISOString(),
    machine,
    settings: { connections: CONNECTIONS, warmupSec: WARMUP_SEC, durationSec: DURATION_SEC, logLevel: LOG_LEVEL, dbPoolSize: 20 },
    results,
    target: { ...TARGET, ...target },
  });
  console.log(`Results written to ${path.relative(REPO_ROOT, file)}`);

  const broken = results.filter((r) => r.mustSucceed && isBroken(r));
  if (broken.length > 0) {
    console.error(`\nFAILED RUN: non-2xx responses or errors on ${broken.map((r) => r.name).join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
