import { Client } from 'pg';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, QueueName, STATELESS_DEDUP_QUEUES, outboxJobId } from '../queue.contract';
import { OutboxRepository, PendingOutboxEvent } from './outbox.repository';

export interface OutboxRelayOptions {
  databaseUrl: string;
  /** Longest wait for Redis to take a batch before the pass gives up (and its rows unlock). */
  enqueueTimeoutMs?: number;
  batchSize?: number;
  /** Longest wait between polls when no NOTIFY arrives. */
  pollMs?: number;
  /**
   * After a NOTIFY, how long to let more events gather before the next pass: under load
   * every insert notifies, and one pass per event costs a transaction each.
   */
  gatherMs?: number;
  /**
   * Called after the jobs are in Redis and before the rows are marked delivered: the
   * window a crash test aims at.
   */
  afterEnqueue?: (events: PendingOutboxEvent[]) => void | Promise<void>;
  log?: (level: 'info' | 'warn' | 'error', msg: string, err?: unknown) => void;
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  work.catch(() => undefined); // a late failure after the timeout is not unhandled
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox events into BullMQ. Rows are locked (SKIP LOCKED, so several
 * relays can run), added with a deterministic job id, then marked delivered in the same
 * transaction. A crash after the add and before the commit leaves the rows pending; the
 * next pass adds them again under the same job id, which BullMQ ignores.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private listener: Client | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly queues: (name: QueueName) => Queue,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollMs = options.pollMs ?? 1000;
  }

  /** Delivers one batch; returns how many events it moved. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const events = await this.outbox.lockPending(tx, this.batchSize);
      if (events.length === 0) return 0;
      const byQueue = new Map<QueueName, PendingOutboxEvent[]>();
      for (const e of events) {
        const q = JOB_QUEUE[e.topic];
        byQueue.set(q, [...(byQueue.get(q) ?? []), e]);
      }
      for (const [queueName, batch] of byQueue) {
        const added = this.queues(queueName).addBulk(
          batch.map((e) => ({
            name: e.topic,
            data: { ...e.payload, eventId: e.id, occurredAt: e.createdAt.toISOString() },
            opts: {
              ...DEFAULT_JOB_OPTIONS,
              jobId: outboxJobId(e.id),
              ...(STATELESS_DEDUP_QUEUES.includes(queueName) ? { removeOnComplete: true } : {}),
            },
          })),
        );
        // With Redis away, BullMQ waits for it forever; this transaction must not.
        await withTimeout(added, this.options.enqueueTimeoutMs ?? 10_000, 'Redis did not take the outbox batch');
      }
      await this.options.afterEnqueue?.(events);
      await this.outbox.markDispatched(
        tx,
        events.map((e) => e.id),
      );
      return events.length;
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    await this.listen();
    this.running = this.loop();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  private async listen(): Promise<void> {
    try {
      const client = new Client({ connectionString: this.options.databaseUrl, application_name: 'dure-outbox-listen' });
      client.on('error', (err) => this.options.log?.('warn', 'outbox listener lost; polling only', err));
      client.on('notification', () => this.wake?.());
      await client.connect();
      await client.query('LISTEN dure_outbox');
      this.listener = client;
    } catch (err) {
      this.options.log?.('warn', 'could not LISTEN for outbox events; polling only', err);
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let moved = 0;
      try {
        moved = await this.relayOnce();
      } catch (err) {
        this.options.log?.('error', 'outbox relay pass failed', err);
      }
      if (moved < this.batchSize && !this.stopping) await this.idle();
    }
  }

  private async idle(): Promise<void> {
    const notified = await new Promise<boolean>((resolve) => {
      const done = (byNotify: boolean): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(byNotify);
      };
      const timer = setTimeout(() => done(false), this.pollMs);
      this.wake = () => done(true);
    });
    const gather = this.options.gatherMs ?? 20;
    if (notified && gather > 0 && !this.stopping) await new Promise((r) => setTimeout(r, gather));
  }
}
