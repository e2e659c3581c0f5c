import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { hostname } from 'node:os';
import { AppConfig } from '@dure/config';
import { RedisClient, redisOptionsFromUrl } from '@dure/queue';
import { TRACK_STREAM } from './presence.service';
import { TrackRepository, TrackRow } from './track.repository';

const GROUP = 'track-writer';
const BATCH = 2000;
/** An entry another writer took but did not acknowledge in this long is taken over. */
const CLAIM_IDLE_MS = 30_000;

type StreamEntry = [id: string, fields: string[]];

/**
 * Drains the location stream into Postgres in batches (one INSERT per batch, not per
 * point). A consumer group makes it at-least-once: entries are acknowledged only after
 * their batch commits, a crashed writer's entries are claimed by the next, and the
 * primary key makes a point written twice count once.
 */
@Injectable()
export class TrackWriter {
  private readonly log = new Logger(TrackWriter.name);
  private readonly consumer = `${hostname()}-${process.pid}`;
  private reader: Redis | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly groupReady = new WeakSet<Redis>();

  /**
   * The stream's full key. ioredis applies its key prefix to XADD inside the ingest script
   * but not to every stream command (XGROUP is not), so the writer uses unprefixed
   * connections and names the key in full.
   */
  private readonly stream: string;

  constructor(
    redis: RedisClient,
    private readonly track: TrackRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.stream = `${redis.prefix}${TRACK_STREAM}`;
  }

  private connect(): Redis {
    const conn = new Redis(redisOptionsFromUrl(this.config.redisUrl));
    conn.on('error', () => undefined);
    return conn;
  }

  async start(): Promise<void> {
    // Blocking reads need a connection of their own.
    this.reader = this.connect();
    await this.ensureGroup(this.reader);
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.reader?.disconnect();
    this.reader = undefined;
  }

  /** Writes what is waiting (tests and benchmarks call this to flush). */
  async drainOnce(blockMs = 0, reader?: Redis): Promise<number> {
    if (!reader) {
      const conn = this.connect();
      try {
        return await this.drainOnce(blockMs, conn);
      } finally {
        conn.disconnect();
      }
    }
    await this.ensureGroup(reader);
    let written = 0;
    const claimed = (await reader.xautoclaim(this.stream, GROUP, this.consumer, CLAIM_IDLE_MS, '0-0', 'COUNT', BATCH)) as [string, StreamEntry[]];
    written += await this.write(reader, claimed[1]);
    const args: (string | number)[] = ['GROUP', GROUP, this.consumer, 'COUNT', BATCH];
    if (blockMs > 0) args.push('BLOCK', blockMs);
    const res = (await (reader as unknown as { xreadgroup: (...a: (string | number)[]) => Promise<[string, StreamEntry[]][] | null> }).xreadgroup(
      ...args,
      'STREAMS',
      this.stream,
      '>',
    )) as [string, StreamEntry[]][] | null;
    if (res) for (const [, entries] of res) written += await this.write(reader, entries);
    return written;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.drainOnce(1000, this.reader);
      } catch (err) {
        if (this.reader) this.groupReady.delete(this.reader); // the stream may have gone: recreate the group
        if (!this.stopping) {
          this.log.warn(`track write failed; retrying: ${String(err)}`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    }
  }

  private async write(reader: Redis, entries: StreamEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const rows: TrackRow[] = [];
    for (const [id, fields] of entries) {
      const f = new Map<string, string>();
      for (let i = 0; i < fields.length; i += 2) f.set(fields[i], fields[i + 1]);
      const memberId = f.get('m');
      const receivedAt = new Date(Number(id.split('-')[0]));
      let points: [number, number, number, number | null][] = [];
      try {
        points = JSON.parse(f.get('p') ?? '[]');
      } catch {
        this.log.warn(`dropping unreadable location entry ${id}`);
      }
      if (!memberId) continue;
      for (const [t, lat, lng, acc] of points) rows.push({ memberId, recordedAt: new Date(t), lat, lng, accuracyM: acc, receivedAt });
    }
    const written = await this.track.insertBatch(rows);
    const ids = entries.map(([id]) => id);
    await reader.multi().xack(this.stream, GROUP, ...ids).xdel(this.stream, ...ids).exec();
    return written;
  }

  private async ensureGroup(reader: Redis): Promise<void> {
    if (this.groupReady.has(reader)) return;
    try {
      await reader.xgroup('CREATE', this.stream, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!String(err).includes('BUSYGROUP')) throw err;
    }
    this.groupReady.add(reader);
  }
}
