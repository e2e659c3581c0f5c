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
import * as path from 'node:path';
import { positiveInt, runMain } from './support/cli';
import { deleteRedisKeys, dropDatabase } from './support/housekeeping';
import { BenchHttp } from './support/http';
import { LoadScenario, LoadSettings, LoadStats, isBroken, printFailures, runLoad } from './support/load';
import { ManagedProcess, benchEnv, findFreePort, waitUntilReady } from './support/processes';
import { machineInfo, table, writeResults } from './support/report';

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
const LOG_LEVEL = 'warn';
const DB_POOL_SIZE = 20;
const LOAD: LoadSettings = { connections: CONNECTIONS, warmupSec: WARMUP_SEC, durationSec: DURATION_SEC };

/** The goal this benchmark exists to check. */
const TARGET = { endpoint: 'GET /api/v1/courier/me', minRatioToHealth: 0.25, maxP99Ms: 20 };

// ---------------------------------------------------------------------------------------
// Data preparation over HTTP (the same path a real client takes)
// ---------------------------------------------------------------------------------------

type Credentials = { login: string; password: string };

function stringField(obj: Record<string, unknown>, field: string, what: string): string {
  const value = obj[field];
  if (typeof value !== 'string' || !value) throw new Error(`${what}: response has no "${field}": ${JSON.stringify(obj)}`);
  return value;
}

async function login(http: BenchHttp, credentials: Credentials): Promise<string> {
  const res = await http.expect<Record<string, unknown>>('POST', '/api/v1/auth/login', 200, { body: credentials });
  return stringField(res, 'accessToken', `login as ${credentials.login}`);
}

/** A courier applies and the admin approves. */
async function applyAndApprove(http: BenchHttp, adminToken: string, application: typeof COURIER_APPLICATION): Promise<void> {
  const created = await http.expect<Record<string, unknown>>('POST', '/api/v1/courier/applications', 201, { body: application });
  const memberId = stringField(created, 'memberId', 'courier application');
  await http.expect('POST', `/api/v1/admin/members/${memberId}/approve`, 200, { token: adminToken });
}

/**
 * Couriers for the sign-in load, one per connection: the throttle caps attempts in flight
 * per login (a burst of parallel guesses must not all be checked), so many people signing
 * in is measured as many logins, not one login fifty times at once.
 */
async function prepareLoginCouriers(http: BenchHttp, adminToken: string): Promise<Credentials[]> {
  const couriers = Array.from({ length: CONNECTIONS }, (_, i) => ({
    ...COURIER_APPLICATION,
    name: `벤치${i}`,
    phone: `010-5556-${String(i).padStart(4, '0')}`,
    rrn: `850412-1${String(100_000 + i).slice(-6)}`,
  }));
  for (let i = 0; i < couriers.length; i += 5) {
    await Promise.all(couriers.slice(i, i + 5).map((c) => applyAndApprove(http, adminToken, c)));
  }
  return couriers.map((c) => ({ login: c.phone, password: c.password }));
}

/**
 * Admin signs in, the login couriers and then the measured courier apply and are approved;
 * returns the measured courier's access token and the login couriers' credentials.
 */
async function prepare(http: BenchHttp): Promise<{ courierToken: string; adminToken: string; loginCouriers: Credentials[] }> {
  const adminToken = await login(http, ADMIN);
  const loginCouriers = await prepareLoginCouriers(http, adminToken);
  await applyAndApprove(http, adminToken, COURIER_APPLICATION);
  const courierToken = await login(http, COURIER);
  // One probe before the load, so a broken endpoint fails here with its body, not as a count.
  await http.expect('GET', '/api/v1/courier/me', 200, { token: courierToken });
  await http.expect('GET', '/api/v1/admin/staff?limit=1', 200, { token: adminToken });
  return { courierToken, adminToken, loginCouriers };
}

// ---------------------------------------------------------------------------------------
// Load runs
// ---------------------------------------------------------------------------------------

interface Scenario extends LoadScenario {
  /** A broken run of this endpoint makes the whole benchmark fail. */
  mustSucceed: boolean;
}

interface ScenarioResult extends LoadStats {
  mustSucceed: boolean;
}

async function runScenario(baseUrl: string, scenario: Scenario): Promise<ScenarioResult> {
  const { stats } = await runLoad(baseUrl, scenario, LOAD);
  return { ...stats, mustSucceed: scenario.mustSucceed };
}

function scenarios(courierToken: string, adminToken: string, loginCouriers: Credentials[]): Scenario[] {
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
      // The staff path: the guard also reads the account's current standing (cached 5 s), then one small query.
      name: 'GET /api/v1/admin/staff?limit=1',
      method: 'GET',
      path: '/api/v1/admin/staff?limit=1',
      headers: { authorization: `Bearer ${adminToken}` },
      mustSucceed: true,
    },
    {
      // Only successful logins, one courier per connection, so the throttle never engages.
      name: 'POST /api/v1/auth/login',
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(COURIER),
      setupClient: (client, connection) => client.setBody(JSON.stringify(loginCouriers[connection % loginCouriers.length])),
      mustSucceed: false,
    },
  ];
}

// ---------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------

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
  table(['endpoint', 'req/s avg', 'p50 ms', 'p99 ms', 'non-2xx', 'err/timeout', 'vs /health', ''], rows);
}

function evaluateTarget(results: ScenarioResult[]): { pass: boolean; ratio: number; p99Ms: number } {
  const health = results.find((r) => r.name === 'GET /health');
  const me = results.find((r) => r.name === TARGET.endpoint);
  if (!health || !me) throw new Error('missing results for the target check');
  const ratio = health.reqPerSec > 0 ? me.reqPerSec / health.reqPerSec : 0;
  const pass = ratio >= TARGET.minRatioToHealth && me.p99Ms < TARGET.maxP99Ms && !isBroken(me);
  return { pass, ratio, p99Ms: me.p99Ms };
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const machine = machineInfo();
  console.log('Dure auth benchmark');
  console.log(`  machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}`);
  console.log(`  node ${machine.node}; ${CONNECTIONS} connections; ${WARMUP_SEC} s warm-up + ${DURATION_SEC} s per endpoint`);
  console.log(`  API: NODE_ENV=development, LOG_LEVEL=${LOG_LEVEL} (request logs off), DURE_DB_POOL_SIZE=${DB_POOL_SIZE}`);
  console.log('  note: autocannon runs on the same machine as the API, Postgres and Redis and shares its CPUs\n');

  await dropDatabase(PG_ADMIN_URL, DB_NAME);
  const port = await findFreePort(PREFERRED_PORT);
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = benchEnv({ port, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, redisPrefix: REDIS_PREFIX, admin: ADMIN, logLevel: LOG_LEVEL, dbPoolSize: DB_POOL_SIZE });
  const api = new ManagedProcess('API', API_ENTRY, REPO_ROOT, env);
  // Ctrl-C must not leave an orphaned API holding the port.
  const onSignal = (): void => {
    api.kill();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);

  const http = new BenchHttp(baseUrl);
  let results: ScenarioResult[] = [];
  try {
    await waitUntilReady(api, baseUrl);
    console.log(`API ready at ${baseUrl} (database ${DB_NAME}, Redis prefix ${REDIS_PREFIX})`);
    const { courierToken, adminToken, loginCouriers } = await prepare(http);
    console.log('Courier applied, approved and signed in. Running:');
    for (const scenario of scenarios(courierToken, adminToken, loginCouriers)) results.push(await runScenario(baseUrl, scenario));
  } catch (err: unknown) {
    console.error(`\nBenchmark aborted: ${err instanceof Error ? err.message : String(err)}`);
    const output = api.output();
    if (output) console.error(output);
    results = [];
  } finally {
    http.close();
    await api.stop();
    process.removeListener('SIGINT', onSignal);
    const deleted = await deleteRedisKeys(REDIS_URL, REDIS_PREFIX, 500);
    console.log(`\nAPI stopped; deleted ${deleted} Redis keys under ${REDIS_PREFIX}:* (database ${DB_NAME} kept until the next run)`);
  }
  if (results.length === 0) return 1;

  console.log('');
  printTable(results);
  printFailures(results, { blankLineBefore: true });
  const target = evaluateTarget(results);
  console.log(
    `\nTarget: ${TARGET.endpoint} at >= ${TARGET.minRatioToHealth * 100}% of /health throughput with p99 < ${TARGET.maxP99Ms} ms ` +
      `at ${CONNECTIONS} connections: ${target.pass ? 'PASS' : 'FAIL'} ` +
      `(${(target.ratio * 100).toFixed(1)}%, p99 ${target.p99Ms.toFixed(1)} ms)`,
  );

  // Anything the API wrote at warn level or above during the run is worth seeing.
  const output = api.output();
  if (output) console.log(`\n${output}`);

  const file = await writeResults(RESULTS_DIR, 'auth', {
    when: new Date().toISOString(),
    machine,
    settings: { connections: CONNECTIONS, warmupSec: WARMUP_SEC, durationSec: DURATION_SEC, logLevel: LOG_LEVEL, dbPoolSize: DB_POOL_SIZE },
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

runMain(main);
