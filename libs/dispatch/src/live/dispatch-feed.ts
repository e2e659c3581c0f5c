import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@dure/config';
import { RedisClient } from '@dure/queue';

export type FeedEvent = 'offer' | 'offer_withdrawn' | 'assigned' | 'order_changed' | 'order_unassigned';

/**
 * `courier:<memberId>` for one courier's phone, `couriers:<vehicle>` for every courier on
 * that vehicle (broadcast jobs), `staff` for every dispatcher's board.
 */
export type FeedAudience = `courier:${string}` | `couriers:${string}` | 'staff';

export interface FeedMessage {
  id: string;
  to: FeedAudience;
  event: FeedEvent;
  data: unknown;
}

export function feedChannel(redisPrefix: string): string {
  return `${redisPrefix}:dispatch-feed`;
}

/**
 * Real-time dispatch messages through Redis pub/sub, so every api process can push them
 * to the streams it holds, whichever process (api or worker) made the change. Best effort:
 * the board and job lists remain the truth a client re-reads after reconnecting.
 */
@Injectable()
export class DispatchFeed {
  private readonly log = new Logger(DispatchFeed.name);
  private readonly channel: string;

  constructor(
    private readonly redis: RedisClient,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.channel = feedChannel(config.redisPrefix);
  }

  async publish(to: FeedAudience, event: FeedEvent, data: unknown): Promise<void> {
    const message: FeedMessage = { id: randomUUID(), to, event, data };
    try {
      await this.redis.client.publish(this.channel, JSON.stringify(message));
    } catch (err) {
      this.log.warn(`could not publish ${event} to ${to}: ${String(err)}`);
    }
  }
}
