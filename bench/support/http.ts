/**
 * A lean JSON client for preparing data and driving races: node:http with keep-alive
 * sockets (cheaper than fetch, which matters when the client shares two cores with the
 * server), timing every call.
 */
import http from 'node:http';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  /** The error code of a non-2xx answer, if any. */
  code?: string;
  ms: number;
}

export class HttpError extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${what} → HTTP ${status}: ${JSON.stringify(body).slice(0, 500)}`);
    this.name = 'HttpError';
  }
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  apiKey?: string;
  timeoutMs?: number;
}

export class BenchHttp {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    readonly baseUrl: string,
    maxSockets = 256,
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent, timeout: options.timeoutMs ?? 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // keep the text
          }
          const status = res.statusCode ?? 0;
          const code = status >= 200 && status < 300 ? undefined : (body as { code?: string } | undefined)?.code;
          resolve({ status, body: body as T, code, ms: Number(process.hrtime.bigint() - started) / 1e6 });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** A call that must answer `expect`; anything else throws with the body. */
  async expect<T = unknown>(method: string, path: string, expect: number, options: RequestOptions = {}): Promise<T> {
    const reply = await this.request<T>(method, path, options);
    if (reply.status !== expect) throw new HttpError(`${method} ${path}`, reply.status, reply.body);
    return reply.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
