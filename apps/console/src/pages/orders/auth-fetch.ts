import { ApiError, request, url } from '../../api/client';
import { currentAccessToken, storedRefreshToken } from '../../api/session';

/**
 * A current access token for requests the shared client cannot make (a stream, an image).
 * When it has lapsed, or the server refused it, a cheap authenticated read through the
 * shared client refreshes it: refresh tokens are single use, so only the client may rotate
 * them (one refresh at a time for every caller).
 */
export async function freshAccessToken(refused = false): Promise<string | null> {
  let token = refused ? null : currentAccessToken();
  if (!token && storedRefreshToken()) {
    await request('/admin/dispatch/couriers').catch(() => undefined);
    token = currentAccessToken();
  }
  return token;
}

/** GET with the session's bearer token, refreshed once on a 401. */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = (token: string | null) => fetch(url(path), { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  let res = await send(await freshAccessToken());
  if (res.status === 401) res = await send(await freshAccessToken(true));
  return res;
}

/** A file of the API (e.g. a proof photo) as a blob, for an <img> that cannot send the token itself. */
export async function fetchBlob(path: string): Promise<Blob> {
  const res = await authorizedFetch(path);
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  return res.blob();
}
