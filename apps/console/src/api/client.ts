import { clearSession, currentAccessToken, saveSession, storedRefreshToken, type TokenPair } from './session';

export const API = '/api/v1';

export interface FieldError {
  field: string;
  reason: string;
  code?: string;
}

/** An error answer of the API: its status, stable code and field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: concurrent requests wait for the same new token. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = storedRefreshToken();
    if (!refreshToken) return false;
    const res = await fetch(`${API}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
    if (!res.ok) {
      clearSession();
      return false;
    }
    saveSession((await res.json()) as TokenPair);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * A current access token, refreshed when it has lapsed (or when the server refused it:
 * `refused`). Refresh tokens are single use, so every caller goes through here.
 */
export async function accessToken(refused = false): Promise<string | null> {
  let token = refused ? null : currentAccessToken();
  if (!token && storedRefreshToken() && (await refresh())) token = currentAccessToken();
  return token;
}

async function authorization(refused = false): Promise<Record<string, string>> {
  const token = await accessToken(refused);
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * A request to `href` (see `url`) with the session's bearer token, refreshed once on a 401:
 * for what `request` does not fit (a file, an image).
 */
export async function authorizedFetch(href: string, init: RequestInit = {}): Promise<Response> {
  const send = async (refused: boolean) => fetch(href, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...(await authorization(refused)) } });
  const res = await send(false);
  return res.status === 401 ? send(true) : res;
}

/** A file of the API (e.g. a proof photo) as a blob, for an <img> that cannot send the token itself. */
export async function fetchBlob(path: string): Promise<Blob> {
  const res = await authorizedFetch(url(path));
  if (!res.ok) throw await toError(res);
  return res.blob();
}

async function toError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string | string[]; details?: FieldError[] } | null;
  const message = Array.isArray(body?.message) ? body.message.join(', ') : (body?.message ?? res.statusText);
  return new ApiError(res.status, body?.code ?? `HTTP_${res.status}`, message, body?.details ?? []);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  idempotencyKey?: string;
}

export function url(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `${API}${path}${qs ? `?${qs}` : ''}`;
}

/** A request with the session's token; a 401 refreshes the token once and retries. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const send = async () =>
    fetch(url(path, opts.query), {
      method: opts.method ?? 'GET',
      headers: {
        ...(await authorization()),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
  let res = await send();
  if (res.status === 401 && storedRefreshToken() && (await refresh())) res = await send();
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await res.json() : await res.text()) as T;
}

/** Downloads a file from the API (with the session's token) and saves it under its name. */
export async function download(path: string, query?: RequestOptions['query']): Promise<void> {
  const res = await authorizedFetch(url(path, query));
  if (!res.ok) throw await toError(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.split('/').pop() ?? 'download';
  saveBlob(await res.blob(), name);
}

export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Ends a session on the server by its refresh token (the endpoint needs nothing else). */
async function revoke(refreshToken: string): Promise<void> {
  await fetch(`${API}/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) }).catch(() => undefined);
}

export const STAFF_ONLY = 'CONSOLE.STAFF_ONLY';

/**
 * Signs a member of staff in. Anyone else (a courier with the right password) is refused
 * here and their new session ended at once: nothing of it is kept in the browser.
 */
export async function login(loginName: string, password: string): Promise<TokenPair> {
  const res = await fetch(`${API}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: loginName, password }) });
  if (!res.ok) throw await toError(res);
  const pair = (await res.json()) as TokenPair;
  if (pair.user.type !== 'staff') {
    await revoke(pair.refreshToken);
    throw new ApiError(403, STAFF_ONLY, 'staff only');
  }
  saveSession(pair);
  return pair;
}

export async function logout(): Promise<void> {
  const refreshToken = storedRefreshToken();
  if (refreshToken) await revoke(refreshToken);
  clearSession();
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}
