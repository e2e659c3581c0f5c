import type { MessageEvent } from '@nestjs/common';
import { Observable, interval, map, merge } from 'rxjs';
import type { FeedMessage } from '@dure/dispatch';

/** Keeps proxies and phones from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/** Feed messages as SSE events (`event:` is the message type), with a heartbeat. */
export function feedToSse(feed: Observable<FeedMessage>): Observable<MessageEvent> {
  return merge(
    feed.pipe(map((m): MessageEvent => ({ id: m.id, type: m.event, data: m.data as object }))),
    interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'ping', data: {} }))),
  );
}
