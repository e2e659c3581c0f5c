import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FixedClock } from '@dure/common';
import { QueueName, bullConnection } from '@dure/queue';
import { waitFor } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';
import { DAEGU, eastOf, onlineCourier, orderBody, startWorker } from '../support/dispatch-helpers';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Kill the worker (SIGKILL, no goodbye) while offers are pending: after a restart every
 * pending offer still times out and moves on, and nothing stays stuck in `offered`.
 */
describe('dispatch survives a worker crash', () => {
  const clock = new FixedClock(new Date());
  let h: ApiHarness;
  let db: DataSource;

  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'dcrash', clock, env: { DURE_OFFER_SECONDS: '600', DURE_DISPATCH_RADIUS_M: '3000' } });
    db = h.app.get(DataSource);
  });
  afterAll(() => h.close());

  it('pending offers time out and move on after the worker is killed and restarted', async () => {
    const spot = DAEGU.chilgok;
    const first = await onlineCourier(h, eastOf(spot, 100), { now: clock.now() });
    const second = await onlineCourier(h, eastOf(spot, 1500), { now: clock.now() });
    const dispatcher = await h.staff(['dispatcher']);

    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        TS_NODE_PROJECT: 'tsconfig.json',
        NODE_ENV: 'test',
        DATABASE_URL: h.env.config.databaseUrl,
        REDIS_URL: h.env.config.redisUrl,
        DURE_REDIS_PREFIX: h.env.redisPrefix,
        DURE_MIGRATE_ON_BOOT: 'false',
        DURE_OFFER_SECONDS: '600',
        DURE_DISPATCH_RADIUS_M: '3000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, sig) => resolve(sig)));

    const orders: string[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const res = await h.http().post(`${API}/admin/orders`).set(bearer(dispatcher)).send(orderBody({ dispatchMode: 'offer', pickup: { address: '칠곡', ...spot, contactName: '갑', contactPhone: '053-000-0000' } })).expect(201);
        orders.push(res.body.id);
      }
      await waitFor(
        async () => Number((await db.query(`SELECT count(*) AS n FROM dispatch_offer WHERE order_id = ANY($1::uuid[]) AND status = 'offered'`, [orders]))[0].n) === 5,
        { timeoutMs: 30_000, what: `the child worker to offer all five orders\n${output}` },
      );
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const pending = await db.query(`SELECT member_id FROM dispatch_offer WHERE order_id = ANY($1::uuid[]) AND status = 'offered'`, [orders]);
    expect(pending.map((p: { member_id: string }) => p.member_id)).toEqual(Array(5).fill(first.memberId));

    // Well past the ten-minute offers (the child worker ran on real time), a new worker
    // starts; the timeouts it finds in Redis are due. The couriers kept reporting meanwhile.
    clock.set(new Date(Date.now() + 700_000));
    for (const c of [first, second]) {
      const where = c === first ? eastOf(spot, 100) : eastOf(spot, 1500);
      await h.http().post(`${API}/courier/locations`).set(bearer(c.token)).send({ points: [{ ...where, recordedAt: clock.now().toISOString() }] }).expect(202);
    }
    const queue = new Queue(QueueName.Dispatch, { connection: bullConnection(h.env.config.redisUrl), prefix: h.env.redisPrefix });
    const worker = await startWorker(h.env, clock);
    try {
      const delayed = await queue.getDelayed();
      expect(delayed.length).toBeGreaterThanOrEqual(5);
      await Promise.all(delayed.map((j) => j.promote()));
      await waitFor(
        async () => {
          const rows: { status: string; member_id: string }[] = await db.query(
            `SELECT status, member_id FROM dispatch_offer WHERE order_id = ANY($1::uuid[]) ORDER BY offered_at`,
            [orders],
          );
          const expired = rows.filter((r) => r.member_id === first.memberId && r.status === 'expired').length;
          const next = rows.filter((r) => r.member_id === second.memberId && r.status === 'offered').length;
          return expired === 5 && next === 5;
        },
        { timeoutMs: 15_000, what: 'every timed-out offer to move on to the next courier' },
      );
      const stuck = await db.query(
        `SELECT count(*) AS n FROM dispatch_offer WHERE order_id = ANY($1::uuid[]) AND status = 'offered' AND expires_at <= $2`,
        [orders, clock.now()],
      );
      expect(Number(stuck[0].n)).toBe(0);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
