import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@dure/common';
import { MEMBERSHIP_ENTITIES, MemberApplicationService, MemberLifecycleService, MembershipModule } from '@dure/membership';
import { OutboxRelay, OutboxRepository, QueueName, bullConnection, outboxJobId } from '@dure/queue';
import { TestEnv, applicationBody, createDomainTestModule, createTestEnv, waitFor } from '@dure/testing';
import type { TestingModule } from '@nestjs/testing';
import { createWorkerApp } from './worker.app';
import { DOMAIN_EVENTS_CONSUMER } from './processors/domain-events.processor';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ctx = { actor: SYSTEM_ACTOR };

describe('worker: outbox relay and domain events', () => {
  let env: TestEnv;
  let domain: TestingModule;
  let db: DataSource;
  let events: Queue;

  beforeAll(async () => {
    env = await createTestEnv('worker');
    domain = await createDomainTestModule(env, { imports: [MembershipModule], entities: MEMBERSHIP_ENTITIES });
    db = domain.get(DataSource);
    events = new Queue(QueueName.DomainEvents, { connection: bullConnection(env.config.redisUrl), prefix: env.redisPrefix });
  });
  afterAll(async () => {
    await events.close();
    await domain.close();
    await env.cleanup();
  });

  /** Applies and approves a member; returns the id of the member.activated outbox event. */
  async function approveNewMember(): Promise<{ memberId: string; eventId: string }> {
    const { memberId } = await domain.get(MemberApplicationService).apply(applicationBody() as never);
    await domain.get(MemberLifecycleService).approve(memberId, ctx);
    const rows = await db.query(`SELECT id FROM outbox_event WHERE payload->>'memberId' = $1 AND topic = 'member.activated'`, [memberId]);
    return { memberId, eventId: String(rows[0].id) };
  }

  const inboxCount = async (eventId: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM event_inbox WHERE event_id = $1`, [eventId]))[0].n);
  const dispatched = async (eventId: string) =>
    (await db.query(`SELECT dispatched_at FROM outbox_event WHERE id = $1`, [eventId]))[0].dispatched_at !== null;

  it('a relay killed after enqueueing and before marking delivered loses nothing and doubles nothing', async () => {
    const { eventId } = await approveNewMember();

    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'test/fixtures/relay-crash.ts'], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', DATABASE_URL: env.config.databaseUrl, REDIS_URL: env.config.redisUrl, DURE_REDIS_PREFIX: env.redisPrefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(out).toContain(`ENQUEUED ${eventId}`);
    expect(signal).toBe('SIGKILL');

    // The crash left the job in Redis and the event still pending in Postgres.
    expect(await dispatched(eventId)).toBe(false);
    expect(await (await events.getJob(outboxJobId(eventId)))?.getState()).toBe('waiting');

    // A restarted worker relays the event again and handles it exactly once.
    const worker: INestApplicationContext = await createWorkerApp(env.config);
    try {
      await waitFor(async () => (await dispatched(eventId)) && (await inboxCount(eventId)) === 1, { what: 'the event to be delivered' });
      await waitFor(async () => (await (await events.getJob(outboxJobId(eventId)))?.getState()) === 'completed', { what: 'the job to complete' });
      const jobs = await events.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
      expect(jobs.filter((j) => j.data.eventId === eventId)).toHaveLength(1);
      expect(await inboxCount(eventId)).toBe(1);
      expect((await events.getJob(outboxJobId(eventId)))?.returnvalue).toEqual({ applied: true });
    } finally {
      await worker.close();
    }
  });

  it('an event delivered twice (a retried job) is handled once', async () => {
    const worker = await createWorkerApp(env.config);
    try {
      const { memberId, eventId } = await approveNewMember();
      await waitFor(async () => (await inboxCount(eventId)) === 1, { what: 'first delivery' });
      const dup = await events.add('member.activated', { eventId, memberId, memberNo: 'x', effectiveOn: '2026-01-01', occurredAt: new Date().toISOString() }, { jobId: `manual-${eventId}` });
      await waitFor(async () => (await dup.getState()) === 'completed', { what: 'the duplicate job to run' });
      expect((await events.getJob(`manual-${eventId}`))?.returnvalue).toEqual({ applied: false });
      expect(await inboxCount(eventId)).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('an event of a topic this build does not know waits, without blocking the others', async () => {
    await db.query(`INSERT INTO outbox_event (topic, payload) VALUES ('member.renamed', '{}')`);
    const worker = await createWorkerApp(env.config);
    try {
      const { eventId } = await approveNewMember();
      await waitFor(async () => (await inboxCount(eventId)) === 1, { what: 'the known event to be delivered' });
      const unknown = await db.query(`SELECT dispatched_at FROM outbox_event WHERE topic = 'member.renamed'`);
      expect(unknown).toEqual([{ dispatched_at: null }]);
    } finally {
      await worker.close();
      await db.query(`DELETE FROM outbox_event WHERE topic = 'member.renamed'`);
    }
  });

  it('with Redis unreachable, a relay pass gives up and releases its rows', async () => {
    const { eventId } = await approveNewMember();
    const dead = new Queue(QueueName.DomainEvents, { connection: { ...bullConnection('redis://127.0.0.1:6399'), retryStrategy: () => 1000 }, prefix: env.redisPrefix });
    dead.on('error', () => undefined);
    const relay = new OutboxRelay(db, new OutboxRepository(db), () => dead, { databaseUrl: env.config.databaseUrl, enqueueTimeoutMs: 500 });
    try {
      await expect(relay.relayOnce()).rejects.toThrow('Redis did not take the outbox batch');
      // The rows are free again: another relay can take them at once.
      const locked = await db.transaction((tx) => new OutboxRepository(db).lockPending(tx, 1000));
      expect(locked.map((e) => e.id)).toContain(eventId);
      expect(await dispatched(eventId)).toBe(false);
    } finally {
      await dead.close().catch(() => undefined);
    }
  });

  it('every lifecycle event reaches the worker in order of commit', async () => {
    const worker = await createWorkerApp(env.config);
    try {
      const { memberId } = await approveNewMember();
      const lifecycle = domain.get(MemberLifecycleService);
      await lifecycle.suspend(memberId, '점검', ctx);
      await lifecycle.reinstate(memberId, undefined, ctx);
      const rows = await db.query(`SELECT id, topic FROM outbox_event WHERE payload->>'memberId' = $1 ORDER BY id`, [memberId]);
      expect(rows.map((r: { topic: string }) => r.topic)).toEqual(['member.activated', 'member.suspended', 'member.reinstated']);
      for (const r of rows) await waitFor(async () => (await inboxCount(String(r.id))) === 1, { what: `event ${r.topic}` });
      const handled = await db.query(
        `SELECT o.topic FROM event_inbox i JOIN outbox_event o ON o.id = i.event_id
          WHERE o.payload->>'memberId' = $1 ORDER BY i.processed_at, i.event_id`,
        [memberId],
      );
      expect(handled.map((r: { topic: string }) => r.topic)).toEqual(['member.activated', 'member.suspended', 'member.reinstated']);
      const consumers = await db.query(`SELECT DISTINCT consumer FROM event_inbox`);
      expect(consumers).toEqual([{ consumer: DOMAIN_EVENTS_CONSUMER }]);
    } finally {
      await worker.close();
    }
  });

  it('shutdown lets the job in flight finish', async () => {
    const worker = await createWorkerApp(env.config);
    // Hold the inbox so the next event's handler blocks mid-job.
    const blocker = new Client({ connectionString: env.config.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE event_inbox IN ACCESS EXCLUSIVE MODE');
    const { eventId } = await approveNewMember();
    await waitFor(async () => (await (await events.getJob(outboxJobId(eventId)))?.getState()) === 'active', { what: 'the job to start' });

    const closing = worker.close();
    await blocker.query('COMMIT');
    await blocker.end();
    await closing;

    expect(await (await events.getJob(outboxJobId(eventId)))?.getState()).toBe('completed');
    expect(await inboxCount(eventId)).toBe(1);
  });
});
