/**
 * Server-Sent Events read with fetch(): the admin stream needs the bearer token, which
 * EventSource cannot send. The parser is pure (and unit-tested); the reader reconnects with
 * backoff, takes a fresh token for each connection and gives up only when told to.
 */

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser of the text/event-stream format (WHATWG HTML §9.2.6): feed it
 * chunks as they arrive, get back the complete events. Lines end in LF, CR or CRLF (a CRLF
 * split across two chunks included); `:` lines are comments; `data` lines join with LF; an
 * event without data is not dispatched.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private pendingCr = false;
  /** The reconnection delay the server asked for, if any. */
  retryMs: number | undefined;
  /** The last event id seen (kept across events, as the spec says). */
  lastEventId: string | undefined;

  push(chunk: string): SseMessage[] {
    const out: SseMessage[] = [];
    let text = chunk;
    // A CR ended the previous chunk: an LF starting this one belongs to it.
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (ch === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const message = this.line(line);
      if (message) out.push(message);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
    return null;
  }

  private dispatch(): SseMessage | null {
    const hadData = this.data.length > 0;
    const message: SseMessage = { event: this.event || 'message', data: this.data.join('\n') };
    if (this.id !== undefined) {
      this.lastEventId = this.id;
      message.id = this.id;
    }
    this.data = [];
    this.event = '';
    this.id = undefined;
    return hadData ? message : null;
  }
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 30 s; `random` in [0, 1). */
export function backoffMs(attempt: number, random: number = Math.random(), baseMs = 1000, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  // Half fixed, half jitter: never hammer at once, never wait longer than the ceiling.
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** A message's JSON data, or undefined when it is not JSON. */
export function parseData<T = unknown>(message: SseMessage): T | undefined {
  try {
    return JSON.parse(message.data) as T;
  } catch {
    return undefined;
  }
}

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'forbidden' | 'closed';

export interface StreamOptions {
  /** The full URL of the stream. */
  url: string;
  /** A current access token; `refused` after the server answered 401 (refresh it then). */
  token: (refused: boolean) => Promise<string | null>;
  onMessage: (message: SseMessage) => void;
  onStatus?: (status: StreamStatus) => void;
  /** Called on every (re)connection: whatever was missed while away must be read again. */
  onOpen?: () => void;
  /** No bytes in this long (the server pings every 15 s) means the connection is dead. */
  idleMs?: number;
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openEventStream(options: StreamOptions): () => void {
  const idleMs = options.idleMs ?? 45_000;
  let stopped = false;
  let controller: AbortController | null = null;
  let wakeUp: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const run = async () => {
    let attempt = 0;
    let refused = false;
    while (!stopped) {
      options.onStatus?.(attempt === 0 ? 'connecting' : 'reconnecting');
      controller = new AbortController();
      const parser = new SseParser();
      let idle: ReturnType<typeof setTimeout> | undefined;
      const current = controller;
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(() => current.abort(), idleMs);
      };
      try {
        const token = await options.token(refused);
        refused = false;
        const res = await fetch(options.url, {
          headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          signal: current.signal,
          cache: 'no-store',
        });
        if (res.status === 401) {
          // The token lapsed or was refused: refresh it and try again at once (then back off).
          refused = true;
          await res.body?.cancel().catch(() => undefined);
          if (attempt === 0) {
            attempt++;
            continue;
          }
          throw new Error('unauthorized');
        }
        if (res.status === 403) {
          options.onStatus?.('forbidden');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        options.onStatus?.('open');
        options.onOpen?.();
        touch();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          // Only a stream that delivers counts as healthy: one that is accepted and then
          // dropped at once (a proxy, say) keeps backing off instead of hammering.
          attempt = 0;
          touch();
          for (const message of parser.push(value)) options.onMessage(message);
        }
      } catch {
        // Aborted (stopped or idle), network down, server gone: reconnect below.
      } finally {
        clearTimeout(idle);
      }
      if (stopped) break;
      options.onStatus?.('reconnecting');
      await sleep(Math.max(parser.retryMs ?? 0, backoffMs(attempt)));
      attempt++;
    }
    options.onStatus?.('closed');
  };
  void run();

  return () => {
    stopped = true;
    controller?.abort();
    wakeUp?.();
  };
}
