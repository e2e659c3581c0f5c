/**
 * The simulator's view of Dure: JSON over HTTP (public API only), signed-in sessions that
 * refresh their tokens, and a Server-Sent Events reader that reconnects.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const API_PREFIX = '/api/v1';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  /** The error code of a non-2xx answer (`DISPATCH.ALREADY_ASSIGNED`, ...), if any. */
  code?: string;
  retryAfterSec?: number;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  apiKey?: string;
  timeoutMs?: number;
}

/** Raised for answers the caller did not expect; carries the status, code and body. */
export class ApiError extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly body: unknown,
  ) {
    super(`${what} → HTTP ${status}${code ? ` ${code}` : ''}: ${truncate(JSON.stringify(body), 300)}`);
    this.name = 'ApiError';
  }
}

function truncate(s: string | undefined, n: number): string {
  if (!s) return '';
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Plain HTTP calls against one Dure base URL (`http://localhost:3000`). */
export class DureApi {
  constructor(
    readonly baseUrl: string,
    private readonly defaultTimeoutMs = 15_000,
  ) {}

  url(route: string): string {
    return `${this.baseUrl}${route.startsWith('/health') ? '' : API_PREFIX}${route}`;
  }

  /** Never throws for an HTTP status; network failures and timeouts do throw. */
  async call<T = unknown>(method: string, route: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const res = await fetch(this.url(route), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? this.defaultTimeoutMs),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const code = res.ok ? undefined : ((body as { code?: string } | undefined)?.code ?? undefined);
    const retryAfter = Number(res.headers.get('retry-after'));
    return { status: res.status, body: body as T, code, retryAfterSec: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
  }

  /** A call that must answer with one of `expect`; anything else throws an ApiError. */
  async expect<T = unknown>(method: string, route: string, expect: number[], options: CallOptions = {}): Promise<ApiResponse<T>> {
    const res = await this.call<T>(method, route, options);
    if (!expect.includes(res.status)) throw new ApiError(`${method} ${route}`, res.status, res.code, res.body);
    return res;
  }
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; roles: string[] };
}

/**
 * A signed-in user (staff or courier). Access tokens are refreshed before they expire; a
 * 401 signs in again once. Sign-ins back off when throttled (429 with Retry-After).
 */
export class Session {
  private pair: TokenPair | undefined;
  /** When to renew: somewhere in the last 10-30% of the token's life, so a fleet does not renew in step. */
  private renewAt = 0;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly api: DureApi,
    readonly login: string,
    private readonly password: string,
  ) {}

  get userId(): string {
    if (!this.pair) throw new Error(`${this.login} is not signed in`);
    return this.pair.user.id;
  }

  async signIn(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.api.call<TokenPair>('POST', '/auth/login', { body: { login: this.login, password: this.password } });
      if (res.status === 200) {
        this.accept(res.body);
        return;
      }
      if (res.status === 429 && attempt < 5) {
        await sleep(Math.min(30, res.retryAfterSec ?? 2) * 1000);
        continue;
      }
      throw new ApiError(`sign in as ${this.login}`, res.status, res.code, res.body);
    }
  }

  /** A valid access token, renewed ahead of its expiry. */
  async token(): Promise<string> {
    if (!this.pair || Date.now() >= this.renewAt) await this.renew();
    return this.pair!.accessToken;
  }

  /** An authenticated call; on a 401 the session is renewed and the call made once more. */
  async call<T = unknown>(method: string, route: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await this.api.call<T>(method, route, { body, token: await this.token() });
    if (res.status !== 401) return res;
    this.renewAt = 0;
    return this.api.call<T>(method, route, { body, token: await this.token() });
  }

  private renew(): Promise<void> {
    this.renewing ??= this.refreshOrSignIn().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async refreshOrSignIn(): Promise<void> {
    if (this.pair) {
      const res = await this.api.call<TokenPair>('POST', '/auth/refresh', { body: { refreshToken: this.pair.refreshToken } });
      if (res.status === 200) return this.accept(res.body);
    }
    await this.signIn();
  }

  private accept(pair: TokenPair): void {
    this.pair = pair;
    const lifeMs = pair.expiresIn * 1000;
    this.renewAt = Date.now() + lifeMs * (0.7 + 0.2 * Math.random());
  }
}

export interface SseEvent {
  event: string;
  data: unknown;
  id?: string;
}

/**
 * A Server-Sent Events reader over fetch: parses `event:`/`data:`/`id:` blocks and
 * reconnects (with a fresh token) until closed.
 */
export class EventStream {
  private readonly abort = new AbortController();
  private closed = false;
  connected = false;

  constructor(
    private readonly url: string,
    private readonly session: Session,
    private readonly onEvent: (event: SseEvent) => void,
    private readonly onProblem: (message: string) => void,
  ) {}

  start(): void {
    void this.loop();
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    let backoffMs = 500;
    while (!this.closed) {
      try {
        const res = await fetch(this.url, {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${await this.session.token()}` },
          signal: this.abort.signal,
        });
        if (res.status !== 200 || !res.body) {
          this.onProblem(`event stream → HTTP ${res.status}`);
          await res.body?.cancel();
        } else {
          this.connected = true;
          backoffMs = 500;
          await this.read(res.body);
        }
      } catch (err) {
        if (this.closed) break;
        this.onProblem(`event stream: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        this.connected = false;
      }
      if (this.closed) break;
      await sleep(backoffMs).catch(() => undefined);
      backoffMs = Math.min(10_000, backoffMs * 2);
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        this.dispatch(block);
      }
    }
  }

  private dispatch(block: string): void {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length === 0) return;
    const text = data.join('\n');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    this.onEvent({ event, data: parsed, id });
  }
}
