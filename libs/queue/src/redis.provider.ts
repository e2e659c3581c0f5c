import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@dure/config';
import { redisOptionsFromUrl } from './redis-options';

/**
 * The application's own Redis connection (throttling, pub/sub, health), with every key
 * under the configured prefix so test files never see each other's keys.
 */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.prefix = `${config.redisPrefix}:app:`;
    this.client = new Redis({
      ...redisOptionsFromUrl(config.redisUrl),
      keyPrefix: this.prefix,
      // Unlike BullMQ's blocking connections, requests here should fail fast when Redis is down.
      maxRetriesPerRequest: 2,
      // Commands from concurrent requests go out in one write: under load most of this
      // connection's cost was one socket write per command.
      enableAutoPipelining: true,
    });
    this.client.on('error', () => undefined); // readiness reports it; avoid crashing on reconnects
  }

  async ping(timeoutMs = 1000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.client.ping().then((r) => r === 'PONG'), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
