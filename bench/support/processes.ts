/**
 * The compiled api and worker as child processes of a benchmark: started with their own
 * environment, polled until ready, their last output kept for reports, stopped gracefully
 * (SIGKILL only if they hang), and never left behind when the benchmark exits.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Keeps the last lines a stream wrote, so a failure can be reported with the process's own words. */
export class TailBuffer {
  private readonly lines: string[] = [];
  private partial = '';
  total = 0;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  text(): string {
    if (this.partial) {
      this.add(this.partial);
      this.partial = '';
    }
    return this.lines.join('\n');
  }

  private add(line: string): void {
    this.total++;
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort: whatever happens to the benchmark, its children die with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

export class ManagedProcess {
  readonly stdout = new TailBuffer(200);
  readonly stderr = new TailBuffer(200);
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    entry: string,
    cwd: string,
    env: NodeJS.ProcessEnv,
  ) {
    installExitHook();
    this.child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this.child);
    this.child.stdout?.on('data', (chunk: Buffer) => this.stdout.push(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        live.delete(this.child);
        resolve(code);
      }),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The exit code once it has exited (null if a signal ended it or it still runs). */
  get exitCode(): number | null {
    return this.child.exitCode;
  }

  /** SIGTERM lets Nest close its pools and workers; SIGKILL only if it hangs. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!done) {
      console.error(`The ${this.name} did not exit within ${timeoutMs / 1000} s of SIGTERM; sending SIGKILL.`);
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  output(): string {
    const section = (stream: string, buf: TailBuffer): string => {
      const text = buf.text();
      return text ? `--- ${this.name} ${stream} (${buf.total} lines, last ${Math.min(buf.total, 200)} shown) ---\n${text}` : '';
    };
    return [section('stdout', this.stdout), section('stderr', this.stderr)].filter(Boolean).join('\n');
  }
}

export interface BenchEnvOptions {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  admin: { login: string; password: string };
  logLevel: string;
  dbPoolSize: number;
}

/** The environment a benchmark runs the api or worker with: its own database and Redis prefix. */
export function benchEnv(o: BenchEnvOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(o.port),
    // Loopback only: the bench has no reason to expose a server with known passwords.
    HOST: '127.0.0.1',
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    DURE_REDIS_PREFIX: o.redisPrefix,
    DURE_ADMIN_LOGIN: o.admin.login,
    DURE_ADMIN_PASSWORD: o.admin.password,
    DURE_DEMO: 'false',
    DURE_MIGRATE_ON_BOOT: 'true',
    // Per-request logging at info would cost more than the handlers being measured.
    LOG_LEVEL: o.logLevel,
    DURE_DB_POOL_SIZE: String(o.dbPoolSize),
    // The longest allowed lifetime, so a long BENCH_DURATION_SEC cannot outlive the token.
    DURE_ACCESS_TOKEN_TTL_SEC: '3600',
  };
}

/** Polls readiness (Postgres and Redis reachable, migrations done) rather than guessing a delay. */
export async function waitUntilReady(api: ManagedProcess, baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!api.running) throw new Error(`The ${api.name} exited with code ${api.exitCode} before it was ready.\n${api.output()}`);
    try {
      const res = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (err: unknown) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(250);
  }
  throw new Error(`The ${api.name} was not ready after ${timeoutMs / 1000} s (last: ${last}).\n${api.output()}`);
}

/** `preferred` unless taken, else whatever port the OS hands out. */
export async function findFreePort(preferred: number): Promise<number> {
  const tryListen = (port: number): Promise<number | null> =>
    new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const actual = typeof address === 'object' && address ? address.port : null;
        server.close(() => resolve(actual));
      });
    });
  const port = (await tryListen(preferred)) ?? (await tryListen(0));
  if (port === null) throw new Error('Could not find a free TCP port');
  return port;
}
