/**
 * HTTP load runs with autocannon: a warm-up run (JIT, pools and caches settle), then the
 * measured run, with the first few failures' bodies kept (a count alone does not say what
 * went wrong).
 */
import autocannon from 'autocannon';

export interface ErrorSample {
  status: number;
  body: string;
}

export type OnResponse = (status: number, body: string) => void;

export interface LoadScenario {
  name: string;
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Per connection (numbered from 0 in each run): e.g. its own credentials or requests.
   * Requests it sets itself should pass `onResponse` on, so failures are sampled.
   */
  setupClient?: (client: autocannon.Client, connection: number, onResponse: OnResponse) => void;
}

export interface LoadSettings {
  connections: number;
  warmupSec: number;
  durationSec: number;
}

/** What a measured run reports, in the order the results files list it. */
export interface LoadStats {
  name: string;
  reqPerSec: number;
  totalRequests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  errorSamples: ErrorSample[];
}

const MAX_ERROR_SAMPLES = 3;

function runAutocannon(baseUrl: string, scenario: LoadScenario, connections: number, seconds: number, samples: ErrorSample[]): Promise<autocannon.Result> {
  const onResponse: OnResponse = (status, body) => {
    if ((status < 200 || status > 299) && samples.length < MAX_ERROR_SAMPLES) samples.push({ status, body: String(body).slice(0, 500) });
  };
  let connection = 0;
  const setup = scenario.setupClient;
  const options: autocannon.Options = { url: `${baseUrl}${scenario.path ?? '/'}`, connections, duration: seconds, requests: [{ onResponse }] };
  // autocannon treats a key set to undefined as a value, so only what is given is passed.
  if (scenario.method) options.method = scenario.method;
  if (scenario.headers) options.headers = scenario.headers;
  if (scenario.body) options.body = scenario.body;
  if (setup) options.setupClient = (client: autocannon.Client) => setup(client, connection++, onResponse);
  return autocannon(options);
}

/** Warm-up, then the measured run; prints one progress line. */
export async function runLoad(
  baseUrl: string,
  scenario: LoadScenario,
  settings: LoadSettings,
): Promise<{ stats: LoadStats; measured: autocannon.Result; warmup: autocannon.Result }> {
  process.stdout.write(`  ${scenario.name}: warm-up ${settings.warmupSec} s, measure ${settings.durationSec} s ... `);
  const warmup = await runAutocannon(baseUrl, scenario, settings.connections, settings.warmupSec, []);
  const samples: ErrorSample[] = [];
  const r = await runAutocannon(baseUrl, scenario, settings.connections, settings.durationSec, samples);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  console.log(`${r.requests.total} requests`);
  const stats: LoadStats = {
    name: scenario.name,
    reqPerSec: r.requests.average,
    totalRequests: r.requests.total,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    errorSamples: samples,
  };
  return { stats, measured: r, warmup };
}

/** A run with non-2xx answers or connection errors measured something other than intended. */
export function isBroken(r: LoadStats): boolean {
  return r.non2xx > 0 || r.errors > 0;
}

/** The broken runs with their status codes and sampled bodies. */
export function printFailures(results: LoadStats[], options: { blankLineBefore?: boolean } = {}): void {
  for (const r of results.filter(isBroken)) {
    console.log(
      `${options.blankLineBefore ? '\n' : ''}!! ${r.name}: ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts); status codes ${JSON.stringify(r.statusCodes)}`,
    );
    for (const s of r.errorSamples) console.log(`   sample HTTP ${s.status}: ${s.body}`);
  }
}
