import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { Observable } from 'rxjs';
import { AppConfig } from '@dure/config';
import { redisOptionsFromUrl } from '@dure/queue';
import { FeedAudience, FeedMessage, feedChannel } from './dispatch-feed';

type Listener = (message: FeedMessage) => void;

/**
 * The receiving end of the dispatch feed in an api process: one Redis subscription for
 * the whole process, routing each message to the streams held here for its audience.
 */
@Injectable()
export class DispatchFeedHub implements OnApplicationShutdown {
  private readonly log = new Logger(DispatchFeedHub.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private subscriber: Redis | undefined;
  private subscribed: Promise<unknown> | undefined;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  /** Messages for any of these audiences, as long as the subscriber keeps the Observable. */
  stream(audiences: FeedAudience[]): Observable<FeedMessage> {
    return new Observable<FeedMessage>((subscriber) => {
      const listener: Listener = (m) => subscriber.next(m);
      for (const a of audiences) {
        if (!this.listeners.has(a)) this.listeners.set(a, new Set());
        this.listeners.get(a)?.add(listener);
      }
      void this.ensureSubscribed();
      return () => {
        for (const a of audiences) {
          const set = this.listeners.get(a);
          set?.delete(listener);
          if (set?.size === 0) this.listeners.delete(a);
        }
      };
    });
  }

  /** Resolves once this process receives feed messages (streams opened before then may miss some). */
  ensureSubscribed(): Promise<unknown> {
    if (!this.subscribed) {
      const sub = new Redis(redisOptionsFromUrl(this.config.redisUrl));
      sub.on('error', () => undefined);
      sub.on('message', (_c: string, raw: string) => this.route(raw));
      this.subscriber = sub;
      this.subscribed = sub.subscribe(feedChannel(this.config.redisPrefix)).catch((err: unknown) => {
        this.log.warn(`dispatch feed unavailable: ${String(err)}`);
        sub.disconnect();
        this.subscriber = undefined;
        this.subscribed = undefined;
      });
    }
    return this.subscribed;
  }

  connections(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private route(raw: string): void {
    let message: FeedMessage;
    try {
      message = JSON.parse(raw) as FeedMessage;
    } catch {
      return;
    }
    for (const listener of this.listeners.get(message.to) ?? []) listener(message);
  }
}
