/**
 * `npm run simulate -- --couriers 200 --orders-per-minute 60`: a fleet of simulated
 * couriers and a stream of orders against a running Dure, through its public HTTP API
 * only. Couriers are created once (phones 010-7xxx-xxxx) and reused by later runs; they
 * go online, ride around Daegu reporting positions in batches, race for jobs, pick up and
 * deliver. A line of figures every 10 s; Ctrl-C stops cleanly (couriers go offline).
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { mapLimit } from '@dure/common';
import { CourierAgent } from './courier-agent';
import { Rng } from './geo';
import { DureApi, Session } from './http';
import { OrderChannel, OrderPlacer } from './orders';
import { SIM_COURIER_PASSWORD, adminCredentials, createSimClient, provisionCourier } from './setup';
import { FleetCounts, SimStats } from './stats';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const USAGE = `Usage: npm run simulate -- [options]

  --url <url>                  Dure base URL (default http://localhost:3000)
  --couriers <n>               simulated couriers (default 200)
  --orders-per-minute <n>      average order rate, Poisson arrivals (default 60; 0 = none)
  --orders-via client|admin    place orders with a new business client's API key (default) or as the admin
  --dispatch-mode <mode>       broadcast | offer | manual on every order (default: the server's mode)
  --time-scale <x>             simulated seconds per real second for riding and waiting (default 20:
                               a job of 15-20 minutes takes about a minute; 1 = real time)
  --report-every <s>           seconds between a courier's location reports (default 5)
  --board-poll <s>             seconds between board polls of an idle courier (default 20; 5 with --no-sse)
  --no-sse                     hear of jobs by polling the board only
  --decline-prob <p>           chance of declining a personal offer in offer mode (default 0.1)
  --duration <s>               stop by itself after this many seconds (default: until Ctrl-C)
  --stats-every <s>            seconds between stats lines (default 10)
  --concurrency <n>            couriers created / signed in at a time (default 6)
  --seed <n>                   PRNG seed (default 42)
  --admin-login <login>        default DURE_ADMIN_LOGIN, .dure/local.env, or "admin"
  --admin-password <pw>        default DURE_ADMIN_PASSWORD or .dure/local.env
  --courier-password <pw>      password of the simulated couriers (default ${SIM_COURIER_PASSWORD})
`;

interface Options {
  url: string;
  couriers: number;
  ordersPerMinute: number;
  ordersVia: 'client' | 'admin';
  dispatchMode?: 'broadcast' | 'offer' | 'manual';
  timeScale: number;
  reportEverySec: number;
  boardPollSec: number;
  useSse: boolean;
  declineProb: number;
  durationSec?: number;
  statsEverySec: number;
  concurrency: number;
  seed: number;
  adminLogin?: string;
  adminPassword?: string;
  courierPassword: string;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      url: { type: 'string' },
      couriers: { type: 'string' },
      'orders-per-minute': { type: 'string' },
      'orders-via': { type: 'string' },
      'dispatch-mode': { type: 'string' },
      'time-scale': { type: 'string' },
      'report-every': { type: 'string' },
      'board-poll': { type: 'string' },
      'no-sse': { type: 'boolean' },
      'decline-prob': { type: 'string' },
      duration: { type: 'string' },
      'stats-every': { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      'admin-login': { type: 'string' },
      'admin-password': { type: 'string' },
      'courier-password': { type: 'string' },
    },
  });
  if (values.help) return 'help';
  const num = (name: keyof typeof values, fallback: number, min: number, max: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (typeof raw !== 'string' || !Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max} (got "${String(raw)}")`);
    return n;
  };
  const oneOf = <T extends string>(name: keyof typeof values, allowed: readonly T[]): T | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    if (!allowed.includes(raw as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')} (got "${String(raw)}")`);
    return raw as T;
  };
  const useSse = !values['no-sse'];
  const duration = values.duration === undefined ? undefined : num('duration', 0, 1, 7 * 24 * 3600);
  return {
    url: (values.url ?? 'http://localhost:3000').replace(/\/+$/, ''),
    couriers: Math.floor(num('couriers', 200, 1, 9999)),
    ordersPerMinute: num('orders-per-minute', 60, 0, 100_000),
    ordersVia: oneOf('orders-via', ['client', 'admin'] as const) ?? 'client',
    dispatchMode: oneOf('dispatch-mode', ['broadcast', 'offer', 'manual'] as const),
    timeScale: num('time-scale', 20, 0.1, 1000),
    reportEverySec: num('report-every', 5, 1, 100),
    boardPollSec: num('board-poll', useSse ? 20 : 5, 1, 3600),
    useSse,
    declineProb: num('decline-prob', 0.1, 0, 1),
    durationSec: duration,
    statsEverySec: num('stats-every', 10, 1, 3600),
    concurrency: Math.floor(num('concurrency', 6, 1, 64)),
    seed: Math.floor(num('seed', 42, 0, 2 ** 32 - 1)),
    adminLogin: values['admin-login'],
    adminPassword: values['admin-password'],
    courierPassword: values['courier-password'] ?? SIM_COURIER_PASSWORD,
  };
}

class Simulation {
  private readonly stats = new SimStats();
  private readonly agents: CourierAgent[] = [];
  private placer: OrderPlacer | undefined;
  private clock: NodeJS.Timeout | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private readonly rng: Rng;
  private readonly api: DureApi;
  private markFinished: () => void = () => undefined;
  /** Settles once the simulation has stopped (Ctrl-C, --duration or a failure). */
  readonly finished = new Promise<void>((resolve) => (this.markFinished = resolve));
  shuttingDown = false;

  constructor(private readonly o: Options) {
    this.rng = new Rng(o.seed);
    this.api = new DureApi(o.url);
  }

  async run(): Promise<void> {
    const o = this.o;
    const ready = await this.api.call('GET', '/health/ready').catch((err: unknown) => {
      throw new Error(`Dure is not reachable at ${o.url}: ${err instanceof Error ? err.message : String(err)}`);
    });
    if (ready.status !== 200) throw new Error(`Dure at ${o.url} is not ready: HTTP ${ready.status} ${JSON.stringify(ready.body)}`);

    const creds = adminCredentials(REPO_ROOT, { login: o.adminLogin, password: o.adminPassword });
    const admin = new Session(this.api, creds.login, creds.password);
    await admin.signIn();
    console.log(`Dure simulator → ${o.url} (admin "${creds.login}" from ${creds.source})`);
    console.log(
      `  ${o.couriers} couriers, ${o.ordersPerMinute} orders/min via ${o.ordersVia}${o.dispatchMode ? ` (${o.dispatchMode})` : ''}, ` +
        `time ×${o.timeScale}, location report every ${o.reportEverySec} s, ${o.useSse ? 'SSE + board poll' : 'board poll only'} every ${o.boardPollSec} s, seed ${o.seed}`,
    );

    await this.startFleet(admin);
    if (this.shuttingDown) return;

    const channel: OrderChannel = o.ordersVia === 'client' ? { kind: 'client', apiKey: (await createSimClient(admin, o.seed)).apiKey } : { kind: 'admin', session: admin };
    if (this.shuttingDown) return;
    console.log(`Orders via ${o.ordersVia === 'client' ? 'a new business client (API key kept in memory)' : 'POST /admin/orders'}. Running${o.durationSec ? ` for ${o.durationSec} s` : ''}; Ctrl-C to stop.\n`);

    this.clock = setInterval(() => {
      const now = Date.now();
      for (const agent of this.agents) agent.tick(now);
    }, 1000);
    this.placer = new OrderPlacer(this.api, channel, this.stats, this.rng.fork(), o.ordersPerMinute, o.dispatchMode);
    this.placer.start();
    this.statsTimer = setInterval(() => console.log(this.stats.line(this.fleet())), o.statsEverySec * 1000);
    if (o.durationSec) setTimeout(() => void this.stop('time is up'), o.durationSec * 1000).unref();
  }

  /** Creates or reuses the couriers, then brings each online (position, SSE) as soon as it is ready. */
  private async startFleet(admin: Session): Promise<void> {
    const o = this.o;
    const started = Date.now();
    let created = 0;
    let reused = 0;
    let failed = 0;
    let settled = 0;
    const indexes = Array.from({ length: o.couriers }, (_, i) => i + 1);
    await mapLimit(indexes, o.concurrency, async (i) => {
      if (this.shuttingDown) return;
      try {
        const c = await provisionCourier(this.api, admin, i, o.courierPassword);
        if (c.created) created++;
        else reused++;
        const agent = new CourierAgent(c.memberId, c.phone, c.session, this.api.url('/courier/jobs/stream'), this.stats, new Rng(o.seed * 1_000_003 + i), {
          timeScale: o.timeScale,
          reportEverySec: o.reportEverySec,
          boardPollSec: o.boardPollSec,
          useSse: o.useSse,
          declineProb: o.declineProb,
        });
        if (this.shuttingDown) return;
        await agent.start();
        this.agents.push(agent);
      } catch (err) {
        failed++;
        this.stats.error('courier setup', err instanceof Error ? err.message : String(err));
      }
      settled++;
      if (settled % 25 === 0 || settled === o.couriers) {
        console.log(
          `  couriers: ${settled}/${o.couriers} (${created} new, ${reused} reused, ${failed} failed; ${this.agents.length} online) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    });
    if (this.agents.length === 0 && !this.shuttingDown) throw new Error('no courier could be set up');
  }

  private fleet(): FleetCounts {
    let busy = 0;
    let streams = 0;
    for (const a of this.agents) {
      if (a.busy) busy++;
      if (a.streaming) streams++;
    }
    return { online: this.agents.length, idle: this.agents.length - busy, busy, streams };
  }

  stop(reason: string): Promise<void> {
    this.stopping ??= this.shutdown(reason);
    return this.stopping;
  }

  private async shutdown(reason: string): Promise<void> {
    this.shuttingDown = true;
    console.log(`\nStopping (${reason}): no new orders, couriers going offline ...`);
    this.placer?.stop();
    if (this.clock) clearInterval(this.clock);
    if (this.statsTimer) clearInterval(this.statsTimer);
    await mapLimit(this.agents, 16, (a) => a.stop());
    if (this.agents.length === 0) {
      // Stopped before any courier was on the road: nothing to sum up.
      this.markFinished();
      return;
    }
    console.log(this.stats.line(this.fleet()));
    const s = this.stats;
    const jobs = this.agents.map((a) => a.jobsDone).sort((a, b) => a - b);
    const withJobs = jobs.filter((j) => j > 0).length;
    console.log(
      `\nSummary after ${Math.round(s.elapsedSec())} s: ${s.placed} orders placed, ${s.offeredOrders.size} offered (${s.offerEvents} offer events), ` +
        `${s.accepted} accepted of ${s.acceptAttempts} attempts, ${s.manualAssignments} assigned by a dispatcher, ${s.pickedUp} picked up, ` +
        `${s.delivered} delivered (${s.deliveredFareWon.toLocaleString('en-US')} won), ${s.lostRaces} lost races ` +
        `${JSON.stringify(Object.fromEntries(s.lostRaceCodes))}, ${s.declined} declined, ${s.errors} errors.`,
    );
    console.log(
      `  ${s.locationReports} location reports with ${s.locationPoints} points; ${withJobs}/${this.agents.length} couriers delivered at least once` +
        (jobs.length ? ` (max ${jobs[jobs.length - 1]} jobs each)` : '') +
        '.',
    );
    const kinds = s.summary().errorKinds as Record<string, number>;
    if (Object.keys(kinds).length) console.log(`  errors by kind: ${JSON.stringify(kinds)}`);
    this.markFinished();
  }
}

async function main(): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const sim = new Simulation(options);
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (++signals > 1) {
      console.error('Second signal: exiting at once.');
      process.exit(130);
    }
    void sim.stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await sim.run();
  } catch (err) {
    console.error(`\nSimulation failed: ${err instanceof Error ? err.message : String(err)}`);
    await sim.stop('failure');
    return 1;
  }
  await sim.finished;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
