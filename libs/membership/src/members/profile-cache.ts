import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@dure/config';
import { RedisClient, redisOptionsFromUrl } from '@dure/queue';

const MAX_ENTRIES = 50_000;

/**
 * Couriers' phones poll GET /courier/me; answering each poll from Postgres made it the
 * most expensive read in the API. Profiles are kept in process memory for a few seconds
 * and dropped the moment anything about the member changes: locally at once, and in
 * every other api process through Redis pub/sub. If a message is lost (Redis down), the
 * TTL still bounds how stale a profile can be.
 */
@Injectable()
export class CourierProfileCache<V = unknown> implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(CourierProfileCache.name);
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  /** Epoch of each member's latest invalidation: a load that started earlier is not stored. */
  private readonly invalidated = new Map<string, number>();
  private epoch = 0;
  /** Loads started before this epoch are never stored (the bookkeeping was reset). */
  private floor = 0;
  private readonly ttlMs: number;
  private readonly channel: string;
  private subscriber: Redis | undefined;
  /** Caching only while invalidations can reach us; otherwise every read goes to Postgres. */
  private live = false;

  constructor(
    private readonly redis: RedisClient,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.ttlMs = config.membership.profileCacheTtlMs;
    this.channel = `${config.redisPrefix}:member-changed`;
  }

  onModuleInit(): void {
    if (this.ttlMs === 0) return;
    const subscriber = new Redis(redisOptionsFromUrl(this.config.redisUrl));
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, memberId: string) => this.forget(memberId));
    // ioredis re-subscribes after a reconnect, but messages sent meanwhile are lost: the
    // cache is off while disconnected and starts empty once subscribed again.
    subscriber.on('close', () => {
      this.live = false;
      this.clear();
    });
    const subscribe = () =>
      subscriber.subscribe(this.channel).then(
        () => {
          this.clear();
          this.live = true;
        },
        (err: unknown) => this.log.warn(`profile cache off until Redis answers: ${String(err)}`),
      );
    subscriber.on('ready', () => void subscribe());
    this.subscriber = subscriber;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** True while subscribed to invalidations, i.e. while the cache is in use. */
  isLive(): boolean {
    return this.live;
  }

  async get(memberId: string, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs === 0 || !this.live) return load();
    const hit = this.entries.get(memberId);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const startedAt = this.epoch;
    const value = await load();
    if (startedAt >= this.floor && (this.invalidated.get(memberId) ?? -1) <= startedAt) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(memberId, { value, expiresAt: Date.now() + this.ttlMs });
    }
    return value;
  }

  /** Call after the change has committed. */
  async invalidate(memberId: string): Promise<void> {
    this.forget(memberId);
    if (this.ttlMs === 0) return;
    try {
      await this.redis.client.publish(this.channel, memberId);
    } catch (err) {
      this.log.warn(`could not publish a profile invalidation; other processes catch up within ${this.ttlMs} ms: ${String(err)}`);
    }
  }

  private forget(memberId: string): void {
    this.entries.delete(memberId);
    this.invalidated.set(memberId, ++this.epoch);
    if (this.invalidated.size > MAX_ENTRIES) this.clear();
  }

  private clear(): void {
    this.entries.clear();
    this.invalidated.clear();
    this.floor = ++this.epoch;
  }
}
