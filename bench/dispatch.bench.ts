/**
 * Dispatch benchmark: how fast the real system takes courier positions and orders, that
 * acceptance stays exactly-once under many concurrent races, and how evenly the ranking
 * spreads a day's earnings.
 *
 *   (a) location ingest: POST /courier/locations (1 point and 20-point batches) against
 *       GET /health, then how long the worker needs to write the track to Postgres;
 *   (b) order creation: POST /admin/orders (dispatcher) and POST /client/orders (API key);
 *   (c) acceptance race: N broadcast orders, each accepted by 20 couriers at once;
 *   (d) fairness: an offline day of 200 couriers with the real ranking function,
 *       nearest-first against the fair ranking.
 *
 * It runs the compiled api AND worker as child processes against their own database
 * (dropped at start) and Redis prefix, prepares everything over HTTP, and prints tables.
 * A measuring tool, not a test: only broken runs (unexpected non-2xx, errors, a race
 * without exactly one winner, a database that disagrees) make it exit non-zero.
 *
 *   npm run bench:dispatch                          # 10 s per load run
 *   BENCH_DURATION_SEC=30 npm run bench:dispatch    # longer, steadier figures
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { mapLimit } from '@dure/common';
import { positiveInt, runMain } from './support/cli';
import { FairnessResult, PolicyResult, simulateFairness } from './support/fairness';
import { deleteRedisKeys, dropDatabase } from './support/housekeeping';
import { BenchHttp, percentile } from './support/http';
import { LoadScenario, LoadSettings, LoadStats, isBroken, printFailures, runLoad as measureLoad } from './support/load';
import { ManagedProcess, benchEnv, findFreePort, waitUntilReady } from './support/processes';
import { machineInfo, table, writeResults } from './support/report';

// ---------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const API_ENTRY = path.join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const WORKER_ENTRY = path.join(REPO_ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');
const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'dure_bench_dispatch';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DB_NAME}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_PREFIX = 'dure-bench-dispatch';

const ADMIN = { login: 'admin', password: 'bench-admin-password' };
const DISPATCHER = { login: 'bench-dispatcher', password: 'bench-dispatcher-password' };
const COURIER_PASSWORD = 'bench-courier-1234';

const CONNECTIONS = 50;
const WARMUP_SEC = 2;
const DURATION_SEC = positiveInt('BENCH_DURATION_SEC', 10);
const PREFERRED_PORT = positiveInt('BENCH_PORT', 3910);
const COURIERS = 50;
const BATCH_POINTS = 20;
const RACE_ORDERS = positiveInt('BENCH_RACE_ORDERS', 1000);
const RACERS = 20;
const RACES_AT_ONCE = 10;
const LOG_LEVEL = 'warn';
const DB_POOL_SIZE = 20;
const RADIUS_M = 5000;

/** Where the couriers wait and the orders start: 동성로, central Daegu. */
const CENTER = { lat: 35.8693, lng: 128.5961 };

/** The goals this benchmark exists to check. */
const TARGET = { ingestMinRatioToHealth: 0.25, ingestMaxP99Ms: 20, minOrdersPerSec: 1000 };

// ---------------------------------------------------------------------------------------
// Postgres and Redis housekeeping
// ---------------------------------------------------------------------------------------

async function countRows(db: Client, sql: string, params: unknown[] = []): Promise<number> {
  const res = await db.query<{ n: string }>(sql, params);
  return Number(res.rows[0]?.n ?? 0);
}

/**
 * Polls a count until it stops changing (or reaches `until`): how long the worker needed
 * to catch up. Returns the final value and the time of its last change.
 */
async function waitUntilSettled(
  read: () => Promise<number>,
  options: { until?: (n: number) => boolean; quietMs: number; timeoutMs: number; pollMs: number },
): Promise<{ value: number; settledAfterMs: number; timedOut: boolean }> {
  const started = Date.now();
  let value = await read();
  let changedAt = started;
  while (Date.now() - started < options.timeoutMs) {
    if (options.until?.(value)) return { value, settledAfterMs: changedAt - started, timedOut: false };
    if (Date.now() - changedAt >= options.quietMs && !options.until) return { value, settledAfterMs: changedAt - started, timedOut: false };
    await sleep(options.pollMs);
    const next = await read();
    if (next !== value) {
      value = next;
      changedAt = Date.now();
    }
  }
  return { value, settledAfterMs: changedAt - started, timedOut: true };
}

// ---------------------------------------------------------------------------------------
// The system under test
// ---------------------------------------------------------------------------------------

function childEnv(port: number): NodeJS.ProcessEnv {
  return {
    ...benchEnv({ port, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, redisPrefix: REDIS_PREFIX, admin: ADMIN, logLevel: LOG_LEVEL, dbPoolSize: DB_POOL_SIZE }),
    DURE_DISPATCH_MODE: 'broadcast',
    DURE_DISPATCH_RADIUS_M: String(RADIUS_M),
  };
}

interface Courier {
  index: number;
  memberId: string;
  token: string;
  home: { lat: number; lng: number };
  /** Last recordedAt (ms) used for this courier, so every point is distinct. */
  lastPointMs: number;
}

interface Prepared {
  dispatcherToken: string;
  clientApiKey: string;
  couriers: Courier[];
}

function courierApplication(i: number) {
  return {
    name: `벤치${i}`,
    phone: `010-5555-${String(i).padStart(4, '0')}`,
    password: COURIER_PASSWORD,
    birthDate: '1985-04-12',
    rrn: `850412-1${String(100000 + i).padStart(6, '0')}`,
    vehicleType: 'motorcycle',
    bankName: '대구은행',
    bankAccount: `508-10-${String(100000 + i)}`,
    accountHolder: `벤치${i}`,
    consents: { privacy: true, insurance: true },
  };
}

function jitter(center: { lat: number; lng: number }, metres: number, seed: number): { lat: number; lng: number } {
  // Deterministic spread on a circle-ish pattern (no randomness needed here).
  const angle = seed * 2.399963; // golden angle
  const r = metres * Math.sqrt(((seed * 0.6180339887) % 1) || 0.5);
  return {
    lat: center.lat + (r * Math.cos(angle)) / 111_320,
    lng: center.lng + (r * Math.sin(angle)) / (111_320 * Math.cos((center.lat * Math.PI) / 180)),
  };
}

function point(at: { lat: number; lng: number }, ms: number) {
  return { lat: at.lat, lng: at.lng, accuracyM: 5, recordedAt: new Date(ms).toISOString() };
}

/** Staff, a client, and 50 couriers online around the centre, all over HTTP. */
async function prepare(http: BenchHttp): Promise<Prepared> {
  const login = async (credentials: { login: string; password: string }) =>
    (await http.expect<{ accessToken: string }>('POST', '/api/v1/auth/login', 200, { body: credentials })).accessToken;
  const adminToken = await login(ADMIN);
  await http.expect('POST', '/api/v1/admin/staff', 201, { token: adminToken, body: { ...DISPATCHER, name: '배차 담당', roles: ['dispatcher'] } });
  const dispatcherToken = await login(DISPATCHER);
  const client = await http.expect<{ apiKey: string }>('POST', '/api/v1/admin/clients', 201, {
    token: adminToken,
    body: { name: '벤치 상사', businessNo: '123-45-67890', creditAccount: true },
  });

  const couriers = await mapLimit(
    Array.from({ length: COURIERS }, (_, i) => i + 1),
    6,
    async (i): Promise<Courier> => {
      const application = courierApplication(i);
      const { memberId } = await http.expect<{ memberId: string }>('POST', '/api/v1/courier/applications', 201, { body: application });
      await http.expect('POST', `/api/v1/admin/members/${memberId}/approve`, 200, { token: adminToken });
      const token = await login({ login: application.phone, password: COURIER_PASSWORD });
      await http.expect('PUT', '/api/v1/courier/presence', 200, { token, body: { online: true } });
      const home = jitter(CENTER, 1000, i);
      const now = Date.now();
      await http.expect('POST', '/api/v1/courier/locations', 202, { token, body: { points: [point(home, now)] } });
      return { index: i, memberId, token, home, lastPointMs: now };
    },
  );
  return { dispatcherToken, clientApiKey: client.apiKey, couriers };
}

/** Fresh positions (now), so the couriers count as online and near for the races. */
async function refreshPositions(http: BenchHttp, couriers: Courier[]): Promise<void> {
  await mapLimit(couriers, 10, async (c) => {
    const ms = Math.max(Date.now(), c.lastPointMs + 1);
    c.lastPointMs = ms;
    await http.expect('POST', '/api/v1/courier/locations', 202, { token: c.token, body: { points: [point(c.home, ms)] } });
  });
}

// ---------------------------------------------------------------------------------------
// Load runs (autocannon)
// ---------------------------------------------------------------------------------------

const LOAD: LoadSettings = { connections: CONNECTIONS, warmupSec: WARMUP_SEC, durationSec: DURATION_SEC };

interface LoadResult extends LoadStats {
  ok2xx: number;
  /** 2xx answers of the warm-up run (they count for the track drain). */
  warmup2xx: number;
  pointsPerRequest: number;
}

interface IngestScenario extends LoadScenario {
  pointsPerRequest?: number;
}

async function runLoad(baseUrl: string, scenario: IngestScenario): Promise<LoadResult> {
  const { stats, measured, warmup } = await measureLoad(baseUrl, scenario, LOAD);
  // The results file lists the counts right after the throughput.
  const { name, reqPerSec, totalRequests, ...rest } = stats;
  return {
    name,
    reqPerSec,
    totalRequests,
    ok2xx: measured['2xx'],
    warmup2xx: warmup['2xx'],
    pointsPerRequest: scenario.pointsPerRequest ?? 0,
    ...rest,
  };
}

/** Points that had to be dated after "now" to stay distinct (only at > 1,000 points/s per courier). */
let futurePoints = 0;

/**
 * One courier per connection; each request a new body whose points have recordedAt
 * values never used before by that courier, within the last minute and never ahead of now.
 */
function ingestScenario(name: string, couriers: Courier[], pointsPerRequest: number): IngestScenario {
  return {
    name,
    pointsPerRequest,
    setupClient: (client, connection, onResponse) => {
      const c = couriers[connection % couriers.length];
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${c.token}` };
      client.setRequests([
        {
          method: 'POST',
          path: '/api/v1/courier/locations',
          headers,
          setupRequest: (req: autocannon.Request) => {
            const parts: string[] = [];
            for (let k = 0; k < pointsPerRequest; k++) {
              const now = Date.now();
              const ms = Math.max(c.lastPointMs + 1, now - 50_000);
              if (ms > now) futurePoints++;
              c.lastPointMs = ms;
              const lat = (c.home.lat + ((ms % 97) - 48) * 1e-6).toFixed(6);
              const lng = (c.home.lng + ((ms % 89) - 44) * 1e-6).toFixed(6);
              parts.push(`{"lat":${lat},"lng":${lng},"accuracyM":6,"recordedAt":"${new Date(ms).toISOString()}"}`);
            }
            return { ...req, body: `{"points":[${parts.join(',')}]}` };
          },
          onResponse,
        },
      ]);
    },
  };
}

// ---------------------------------------------------------------------------------------
// (a) Location ingest
// ---------------------------------------------------------------------------------------

interface IngestResult {
  health: LoadResult;
  single: LoadResult;
  batch: LoadResult;
  ratioSingleToHealth: number;
  pass: boolean;
  track: {
    /** 2xx answers × points, warm-ups included (a lower bound: requests cut off at the end of a run are not counted). */
    pointsCounted: number;
    rowsBefore: number;
    rowsBeforeBatch: number;
    rowsAtLoadEnd: number;
    rowsFinal: number;
    loadSec: number;
    batchSec: number;
    /** Rows the worker wrote per second while the 20-point batches came in. */
    writtenDuringBatchPerSec: number;
    backlogAtLoadEnd: number;
    drainSec: number;
    /** Rows written per second from the first ingest request until the track was complete. */
    overallWrittenPerSec: number;
    timedOut: boolean;
  };
}

async function benchIngest(baseUrl: string, db: Client, couriers: Courier[]): Promise<IngestResult> {
  console.log('\n(a) Location ingest');
  const health = await runLoad(baseUrl, { name: 'GET /health', method: 'GET', path: '/health' });
  const countPoints = () => countRows(db, 'SELECT count(*) AS n FROM location_point');
  const rowsBefore = await countPoints();
  const loadStarted = Date.now();
  const single = await runLoad(baseUrl, ingestScenario('POST /courier/locations (1 point)', couriers, 1));
  const rowsBeforeBatch = await countPoints();
  const batchStarted = Date.now();
  const batch = await runLoad(baseUrl, ingestScenario(`POST /courier/locations (${BATCH_POINTS} points)`, couriers, BATCH_POINTS));
  const loadEnded = Date.now();
  const rowsAtLoadEnd = await countPoints();
  const pointsCounted = rowsBefore + [single, batch].reduce((s, r) => s + (r.ok2xx + r.warmup2xx) * r.pointsPerRequest, 0);
  process.stdout.write(`  waiting for the worker to finish the track (${rowsAtLoadEnd.toLocaleString('en-US')} rows so far) ... `);
  const settled = await waitUntilSettled(countPoints, { quietMs: 3000, timeoutMs: 300_000, pollMs: 250 });
  const drainSec = settled.settledAfterMs / 1000;
  console.log(`${settled.value.toLocaleString('en-US')} rows, complete ${drainSec.toFixed(1)} s after the load`);
  const ratio = health.reqPerSec > 0 ? single.reqPerSec / health.reqPerSec : 0;
  const loadSec = (loadEnded - loadStarted) / 1000;
  const batchSec = (loadEnded - batchStarted) / 1000;
  return {
    health,
    single,
    batch,
    ratioSingleToHealth: ratio,
    pass: ratio >= TARGET.ingestMinRatioToHealth && single.p99Ms < TARGET.ingestMaxP99Ms && !isBroken(single),
    track: {
      pointsCounted,
      rowsBefore,
      rowsBeforeBatch,
      rowsAtLoadEnd,
      rowsFinal: settled.value,
      loadSec,
      batchSec,
      writtenDuringBatchPerSec: (rowsAtLoadEnd - rowsBeforeBatch) / batchSec,
      backlogAtLoadEnd: settled.value - rowsAtLoadEnd,
      drainSec,
      overallWrittenPerSec: (settled.value - rowsBefore) / (loadSec + drainSec),
      timedOut: settled.timedOut,
    },
  };
}

// ---------------------------------------------------------------------------------------
// (b) Order creation
// ---------------------------------------------------------------------------------------

function orderBody(pickup: { lat: number; lng: number }, dispatchMode: 'manual' | 'broadcast', paymentMethod = 'cash') {
  return {
    pickup: { address: '대구 중구 동성로 1', lat: pickup.lat, lng: pickup.lng, contactName: '김연락', contactPhone: '053-123-4567' },
    dropoff: { address: '대구 수성구 무학로 1', lat: 35.8276, lng: 128.6183, contactName: '이수령', contactPhone: '010-2222-3333' },
    itemDescription: '서류 봉투',
    vehicleType: 'motorcycle',
    urgency: 'normal',
    paymentMethod,
    dispatchMode,
  };
}

interface OrdersResult {
  admin: LoadResult;
  client: LoadResult;
  passAdmin: boolean;
  passClient: boolean;
  outbox: { pendingAtEnd: number; drainSec: number; timedOut: boolean };
}

async function benchOrders(baseUrl: string, db: Client, prepared: Prepared): Promise<OrdersResult> {
  console.log('\n(b) Order creation (dispatchMode manual, so the worker only relays events)');
  const admin = await runLoad(baseUrl, {
    name: 'POST /admin/orders (dispatcher)',
    method: 'POST',
    path: '/api/v1/admin/orders',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${prepared.dispatcherToken}` },
    body: JSON.stringify(orderBody(CENTER, 'manual')),
  });
  const client = await runLoad(baseUrl, {
    name: 'POST /client/orders (API key)',
    method: 'POST',
    path: '/api/v1/client/orders',
    headers: { 'content-type': 'application/json', 'x-api-key': prepared.clientApiKey },
    body: JSON.stringify(orderBody(CENTER, 'manual', 'credit')),
  });
  const pending = () => countRows(db, 'SELECT count(*) AS n FROM outbox_event WHERE dispatched_at IS NULL');
  const pendingAtEnd = await pending();
  process.stdout.write(`  waiting for the outbox relay (${pendingAtEnd.toLocaleString('en-US')} events pending) ... `);
  const settled = await waitUntilSettled(pending, { until: (n) => n === 0, quietMs: 0, timeoutMs: 300_000, pollMs: 500 });
  console.log(settled.timedOut ? `still ${settled.value} pending after 300 s` : `relayed in ${(settled.settledAfterMs / 1000).toFixed(1)} s`);
  return {
    admin,
    client,
    passAdmin: admin.reqPerSec >= TARGET.minOrdersPerSec && !isBroken(admin),
    passClient: client.reqPerSec >= TARGET.minOrdersPerSec && !isBroken(client),
    outbox: { pendingAtEnd, drainSec: settled.settledAfterMs / 1000, timedOut: settled.timedOut },
  };
}

// ---------------------------------------------------------------------------------------
// (c) Acceptance race
// ---------------------------------------------------------------------------------------

interface RaceResult {
  orders: number;
  racersPerOrder: number;
  racesAtOnce: number;
  createSec: number;
  createPerSec: number;
  raceSec: number;
  racesPerSec: number;
  acceptsPerSec: number;
  acceptLatencyMs: { p50: number; p99: number; max: number };
  statusCounts: Record<string, number>;
  conflictCodes: Record<string, number>;
  racesWithOneWinner: number;
  badRaces: { orderId: string; statuses: number[] }[];
  db: { checked: number; ok: number; problems: string[] };
  winsPerCourier: { min: number; max: number };
  pass: boolean;
}

async function benchRaces(http: BenchHttp, db: Client, prepared: Prepared): Promise<RaceResult> {
  console.log(`\n(c) Acceptance race: ${RACE_ORDERS} broadcast orders × ${RACERS} couriers, ${RACES_AT_ONCE} races at a time`);
  const { couriers } = prepared;
  await refreshPositions(http, couriers);
  // Positions go stale after 120 s; keep them fresh while this part runs.
  const keepFresh = setInterval(() => void refreshPositions(http, couriers).catch(() => undefined), 20_000);
  try {
    process.stdout.write(`  creating ${RACE_ORDERS} orders (16 at a time) ... `);
    const createStarted = Date.now();
    const orderIds = await mapLimit(Array.from({ length: RACE_ORDERS }, (_, i) => i), 16, async (i) => {
      const order = await http.expect<{ id: string }>('POST', '/api/v1/admin/orders', 201, {
        token: prepared.dispatcherToken,
        body: orderBody(jitter(CENTER, 400, i + 7), 'broadcast'),
      });
      return order.id;
    });
    const createSec = (Date.now() - createStarted) / 1000;
    console.log(`${createSec.toFixed(1)} s`);

    process.stdout.write('  racing ... ');
    const latencies: number[] = [];
    const statusCounts: Record<string, number> = {};
    const conflictCodes: Record<string, number> = {};
    const badRaces: RaceResult['badRaces'] = [];
    const winners = new Map<string, string>();
    const raceStarted = Date.now();
    await mapLimit(orderIds, RACES_AT_ONCE, async (orderId, k) => {
      const group = Array.from({ length: RACERS }, (_, j) => couriers[(k * RACERS + j) % couriers.length]);
      const replies = await Promise.all(
        group.map((c) =>
          http.request<{ assignedMemberId?: string }>('POST', `/api/v1/courier/jobs/${orderId}/accept`, { token: c.token }).catch((err: unknown) => ({
            status: 0,
            body: { error: String(err) },
            code: 'NETWORK',
            ms: 0,
          })),
        ),
      );
      const statuses = replies.map((r) => r.status);
      for (const r of replies) {
        latencies.push(r.ms);
        statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
        if (r.status === 409) conflictCodes[r.code ?? 'none'] = (conflictCodes[r.code ?? 'none'] ?? 0) + 1;
      }
      const won = replies.filter((r) => r.status === 200);
      const lost = replies.filter((r) => r.status === 409);
      if (won.length === 1 && lost.length === RACERS - 1) {
        winners.set(orderId, (won[0].body as { assignedMemberId?: string }).assignedMemberId ?? '');
      } else {
        badRaces.push({ orderId, statuses });
      }
    });
    const raceSec = (Date.now() - raceStarted) / 1000;
    console.log(`${raceSec.toFixed(1)} s`);

    // The database must agree: one assignment per order, to the courier who got the 200.
    const rows = await db.query<{ id: string; status: string; assigned_member_id: string | null; assigned_events: string }>(
      `SELECT o.id, o.status, o.assigned_member_id,
              (SELECT count(*) FROM order_event e WHERE e.order_id = o.id AND e.status = 'assigned') AS assigned_events
         FROM delivery_order o WHERE o.id = ANY($1::uuid[])`,
      [orderIds],
    );
    const problems: string[] = [];
    let ok = 0;
    for (const row of rows.rows) {
      const winner = winners.get(row.id);
      const fine = row.status === 'assigned' && Number(row.assigned_events) === 1 && winner !== undefined && row.assigned_member_id === winner;
      if (fine) ok++;
      else if (problems.length < 10) problems.push(`${row.id}: status ${row.status}, assigned to ${row.assigned_member_id}, ${row.assigned_events} 'assigned' events, HTTP winner ${winner ?? 'none'}`);
    }
    if (rows.rows.length !== orderIds.length) problems.push(`${orderIds.length - rows.rows.length} orders missing from the database`);
    const wins = new Map<string, number>();
    for (const w of winners.values()) wins.set(w, (wins.get(w) ?? 0) + 1);
    latencies.sort((a, b) => a - b);
    const pass = badRaces.length === 0 && problems.length === 0 && ok === orderIds.length;
    return {
      orders: orderIds.length,
      racersPerOrder: RACERS,
      racesAtOnce: RACES_AT_ONCE,
      createSec,
      createPerSec: orderIds.length / createSec,
      raceSec,
      racesPerSec: orderIds.length / raceSec,
      acceptsPerSec: latencies.length / raceSec,
      acceptLatencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? 0 },
      statusCounts,
      conflictCodes,
      racesWithOneWinner: orderIds.length - badRaces.length,
      badRaces: badRaces.slice(0, 10),
      db: { checked: rows.rows.length, ok, problems },
      winsPerCourier: { min: Math.min(...wins.values()), max: Math.max(...wins.values()) },
      pass,
    };
  } finally {
    clearInterval(keepFresh);
  }
}

// ---------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function loadRows(results: LoadResult[], health: number): string[][] {
  return results.map((r) => [
    r.name,
    fmt(r.reqPerSec, 1),
    r.pointsPerRequest ? fmt(r.reqPerSec * r.pointsPerRequest) : '',
    fmt(r.p50Ms, 1),
    fmt(r.p99Ms, 1),
    fmt(r.maxMs),
    String(r.non2xx),
    `${r.errors}/${r.timeouts}`,
    health > 0 ? `${((r.reqPerSec / health) * 100).toFixed(1)}%` : '',
    isBroken(r) ? '<-- NON-2XX/ERRORS' : '',
  ]);
}

const LOAD_HEADER = ['endpoint', 'req/s', 'points/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'err/timeout', 'vs /health', ''];

function printIngest(a: IngestResult): void {
  console.log('');
  table(LOAD_HEADER, loadRows([a.health, a.single, a.batch], a.health.reqPerSec));
  printFailures([a.health, a.single, a.batch]);
  const t = a.track;
  console.log(
    `Track: the worker wrote ${fmt(t.writtenDuringBatchPerSec)} points/s while the ${BATCH_POINTS}-point batches came in; ` +
      `${fmt(t.backlogAtLoadEnd)} points were still queued when the load ended and were written ${t.drainSec.toFixed(1)} s later` +
      `${t.timedOut ? ' (STILL GROWING after 300 s)' : ''}; overall ${fmt(t.overallWrittenPerSec)} points/s over ${(t.loadSec + t.drainSec).toFixed(0)} s. ` +
      `${fmt(t.rowsFinal)} rows in location_point (${fmt(t.pointsCounted)} counted as accepted; requests cut off at the end of a run are not counted).`,
  );
  if (t.rowsFinal < t.pointsCounted) console.log(`!! ${fmt(t.pointsCounted - t.rowsFinal)} accepted points are missing from location_point`);
  if (futurePoints > 0) console.log(`note: ${fmt(futurePoints)} points were dated up to a few seconds ahead of now to stay distinct (within the API's clock skew allowance).`);
}

function printOrders(b: OrdersResult, health: number): void {
  console.log('');
  table(LOAD_HEADER, loadRows([b.admin, b.client], health));
  printFailures([b.admin, b.client]);
  console.log(
    `Outbox: ${fmt(b.outbox.pendingAtEnd)} events not yet relayed when the load ended; ` +
      (b.outbox.timedOut ? 'NOT relayed within 300 s.' : `all relayed ${b.outbox.drainSec.toFixed(1)} s later.`),
  );
}

function printRaces(c: RaceResult): void {
  console.log('');
  console.log(
    `${c.orders} orders created in ${c.createSec.toFixed(1)} s (${fmt(c.createPerSec)}/s); raced in ${c.raceSec.toFixed(1)} s: ` +
      `${fmt(c.racesPerSec, 1)} races/s, ${fmt(c.acceptsPerSec)} accepts/s, accept latency p50 ${fmt(c.acceptLatencyMs.p50, 1)} ms, ` +
      `p99 ${fmt(c.acceptLatencyMs.p99, 1)} ms, max ${fmt(c.acceptLatencyMs.max, 1)} ms`,
  );
  console.log(
    `HTTP: ${JSON.stringify(c.statusCounts)}; 409 codes ${JSON.stringify(c.conflictCodes)}; races with exactly one 200 and ${RACERS - 1} × 409: ` +
      `${c.racesWithOneWinner}/${c.orders}; database: ${c.db.ok}/${c.db.checked} orders assigned once, to the HTTP winner, with one 'assigned' event; ` +
      `wins per courier ${c.winsPerCourier.min}-${c.winsPerCourier.max}`,
  );
  for (const bad of c.badRaces) console.log(`!! race on ${bad.orderId}: statuses ${JSON.stringify(bad.statuses)}`);
  for (const p of c.db.problems) console.log(`!! ${p}`);
}

function printFairness(d: FairnessResult): void {
  const s = d.settings;
  console.log(
    `\n(d) Fairness: ${s.couriers} couriers, ${d.orders.count} orders ${s.startHour}:00-${s.endHour}:00 on ${s.day} (fares ${fmt(d.orders.fareWon.min)}-${fmt(d.orders.fareWon.max)} won, ` +
      `median ${fmt(d.orders.fareWon.median)}), radius ${fmt(s.radiusM)} m, ${s.declineProb * 100}% of offers declined, seed ${s.seed}\n`,
  );
  table(
    ['policy', 'Gini (earnings)', 'pickup median m', 'pickup p90 m', 'zero-job couriers', 'jobs min/med/max', 'earned min/med/max won', 'unserved'],
    d.policies.map((p: PolicyResult) => [
      `${p.policy} (${p.fairnessWeightBps} bps)`,
      p.gini.toFixed(3),
      fmt(p.pickupDistanceM.median),
      fmt(p.pickupDistanceM.p90),
      String(p.couriersWithZeroJobs),
      `${p.jobsPerCourier.min}/${p.jobsPerCourier.median}/${p.jobsPerCourier.max}`,
      `${fmt(p.earningsWon.min)}/${fmt(p.earningsWon.median)}/${fmt(p.earningsWon.max)}`,
      String(p.ordersUnserved),
    ]),
  );
}

function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'FAIL';
}

function printSummary(a: IngestResult, b: OrdersResult, c: RaceResult, d: FairnessResult): void {
  const [nearest, fair] = d.policies;
  const rows: string[][] = [
    ['(a) GET /health', `${fmt(a.health.reqPerSec)} req/s, p99 ${fmt(a.health.p99Ms, 1)} ms`, 'baseline', ''],
    [
      '(a) locations, 1 point',
      `${fmt(a.single.reqPerSec)} req/s (${(a.ratioSingleToHealth * 100).toFixed(1)}% of /health), p50 ${fmt(a.single.p50Ms, 1)} ms, p99 ${fmt(a.single.p99Ms, 1)} ms, non-2xx ${a.single.non2xx}`,
      `≥ ${TARGET.ingestMinRatioToHealth * 100}% of /health, p99 < ${TARGET.ingestMaxP99Ms} ms`,
      verdict(a.pass),
    ],
    [
      `(a) locations, ${BATCH_POINTS} points`,
      `${fmt(a.batch.reqPerSec)} req/s = ${fmt(a.batch.reqPerSec * BATCH_POINTS)} points/s, p50 ${fmt(a.batch.p50Ms, 1)} ms, p99 ${fmt(a.batch.p99Ms, 1)} ms, non-2xx ${a.batch.non2xx}`,
      '-',
      isBroken(a.batch) ? 'BROKEN' : '',
    ],
    [
      '(a) track → Postgres (worker)',
      `${fmt(a.track.writtenDuringBatchPerSec)} points/s during the batch run; ${fmt(a.track.backlogAtLoadEnd)} queued at the end, done ${a.track.drainSec.toFixed(1)} s later`,
      '-',
      a.track.timedOut ? 'NOT DRAINED' : a.track.rowsFinal < a.track.pointsCounted ? 'POINTS LOST' : '',
    ],
    ['(b) POST /admin/orders', `${fmt(b.admin.reqPerSec)} orders/s, p50 ${fmt(b.admin.p50Ms, 1)} ms, p99 ${fmt(b.admin.p99Ms, 1)} ms, non-2xx ${b.admin.non2xx}`, `≥ ${fmt(TARGET.minOrdersPerSec)}/s`, verdict(b.passAdmin)],
    ['(b) POST /client/orders', `${fmt(b.client.reqPerSec)} orders/s, p50 ${fmt(b.client.p50Ms, 1)} ms, p99 ${fmt(b.client.p99Ms, 1)} ms, non-2xx ${b.client.non2xx}`, `≥ ${fmt(TARGET.minOrdersPerSec)}/s`, verdict(b.passClient)],
    ['(b) outbox relay', b.outbox.timedOut ? `NOT drained in 300 s` : `${fmt(b.outbox.pendingAtEnd)} pending at end, relayed in ${b.outbox.drainSec.toFixed(1)} s`, '-', ''],
    [
      '(c) acceptance race',
      `${c.orders} races × ${c.racersPerOrder} in ${c.raceSec.toFixed(1)} s = ${fmt(c.racesPerSec, 1)} races/s, accept p99 ${fmt(c.acceptLatencyMs.p99, 1)} ms`,
      'exactly one 200 per order, DB agrees',
      verdict(c.pass),
    ],
    [
      '(d) fairness: nearest-first',
      `Gini ${nearest.gini.toFixed(3)}, pickup median ${fmt(nearest.pickupDistanceM.median)} m / p90 ${fmt(nearest.pickupDistanceM.p90)} m, ${nearest.couriersWithZeroJobs} with no job`,
      '-',
      '',
    ],
    [
      '(d) fairness: fair ranking',
      `Gini ${fair.gini.toFixed(3)}, pickup median ${fmt(fair.pickupDistanceM.median)} m / p90 ${fmt(fair.pickupDistanceM.p90)} m, ${fair.couriersWithZeroJobs} with no job`,
      'Gini below nearest-first',
      verdict(fair.gini < nearest.gini),
    ],
  ];
  console.log('\nSummary');
  table(['part', 'measured', 'target', 'result'], rows);
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const machine = machineInfo();
  console.log('Dure dispatch benchmark');
  console.log(`  machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}`);
  console.log(`  node ${machine.node}; ${CONNECTIONS} connections; ${WARMUP_SEC} s warm-up + ${DURATION_SEC} s per load run`);
  console.log(`  api + worker: NODE_ENV=development, LOG_LEVEL=${LOG_LEVEL}, DURE_DB_POOL_SIZE=${DB_POOL_SIZE} (each), broadcast mode, radius ${RADIUS_M} m`);
  console.log('  note: the load generator runs on the same machine as the api, worker, Postgres and Redis and shares its CPUs');
  // Anything else busy on the machine skews every figure; say so up front.
  console.log(`  load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)\n`);

  await dropDatabase(PG_ADMIN_URL, DB_NAME);
  await deleteRedisKeys(REDIS_URL, REDIS_PREFIX, 1000);
  const port = await findFreePort(PREFERRED_PORT);
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = new ManagedProcess('api', API_ENTRY, REPO_ROOT, childEnv(port));
  let worker: ManagedProcess | undefined;
  const onSignal = (): void => {
    api.kill();
    worker?.kill();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const http = new BenchHttp(baseUrl);
  const db = new Client({ connectionString: DATABASE_URL });
  let ingest: IngestResult | undefined;
  let orders: OrdersResult | undefined;
  let races: RaceResult | undefined;
  let failure: string | undefined;
  try {
    await waitUntilReady(api, baseUrl);
    // The worker starts once the api has migrated the database.
    worker = new ManagedProcess('worker', WORKER_ENTRY, REPO_ROOT, childEnv(port));
    await db.connect();
    console.log(`api ready at ${baseUrl}, worker pid ${worker.pid} (database ${DB_NAME}, Redis prefix ${REDIS_PREFIX})`);
    const started = Date.now();
    const prepared = await prepare(http);
    const first = await waitUntilSettled(() => countRows(db, 'SELECT count(*) AS n FROM location_point'), {
      until: (n) => n >= COURIERS,
      quietMs: 0,
      timeoutMs: 60_000,
      pollMs: 250,
    });
    if (first.timedOut) throw new Error(`the worker wrote no track within 60 s (is it running?)\n${worker.output()}`);
    console.log(`Prepared a dispatcher, a client and ${COURIERS} couriers online around 동성로 in ${((Date.now() - started) / 1000).toFixed(1)} s; the worker is writing the track.`);

    ingest = await benchIngest(baseUrl, db, prepared.couriers);
    printIngest(ingest);
    orders = await benchOrders(baseUrl, db, prepared);
    printOrders(orders, ingest.health.reqPerSec);
    races = await benchRaces(http, db, prepared);
    printRaces(races);
  } catch (err: unknown) {
    failure = err instanceof Error ? err.message : String(err);
    console.error(`\nBenchmark aborted: ${failure}`);
  } finally {
    http.close();
    await db.end().catch(() => undefined);
    await Promise.all([api.stop(), worker?.stop()]);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    const deleted = await deleteRedisKeys(REDIS_URL, REDIS_PREFIX, 1000);
    console.log(`\napi and worker stopped; deleted ${deleted} Redis keys under ${REDIS_PREFIX}:* (database ${DB_NAME} kept until the next run)`);
  }
  // Anything the api or worker wrote at warn level or above is worth seeing.
  for (const p of [api, worker]) {
    const output = p?.output();
    if (output) console.log(`\n${output}`);
  }
  if (failure || !ingest || !orders || !races) return 1;

  const fairness = simulateFairness();
  printFairness(fairness);
  printSummary(ingest, orders, races, fairness);

  const file = await writeResults(RESULTS_DIR, 'dispatch', {
    when: new Date().toISOString(),
    machine,
    loadAverageAtEnd: os.loadavg(),
    settings: {
      connections: CONNECTIONS,
      warmupSec: WARMUP_SEC,
      durationSec: DURATION_SEC,
      logLevel: LOG_LEVEL,
      dbPoolSize: DB_POOL_SIZE,
      couriers: COURIERS,
      batchPoints: BATCH_POINTS,
      raceOrders: RACE_ORDERS,
      racers: RACERS,
      racesAtOnce: RACES_AT_ONCE,
    },
    targets: TARGET,
    ingest,
    orders,
    races,
    fairness,
  });
  console.log(`\nResults written to ${path.relative(REPO_ROOT, file)}`);

  const broken = [
    ...[ingest.health, ingest.single, ingest.batch, orders.admin, orders.client].filter(isBroken).map((r) => r.name),
    ...(races.pass ? [] : ['acceptance race']),
    ...(ingest.track.timedOut || ingest.track.rowsFinal < ingest.track.pointsCounted ? ['track writing'] : []),
  ];
  if (broken.length > 0) {
    console.error(`\nFAILED RUN: ${broken.join(', ')}`);
    return 1;
  }
  return 0;
}

runMain(main);
