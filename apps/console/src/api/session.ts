/**
 * The signed-in session. The access token lives in memory only; the refresh token (single
 * use, rotated on every refresh) is kept in sessionStorage so a reload of the tab keeps the
 * session while closing the tab ends it.
 */
export interface SessionUser {
  id: string;
  type: 'staff' | 'courier';
  roles: string[];
  name: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

const REFRESH_KEY = 'dure.refresh';
const USER_KEY = 'dure.user';

let accessToken: string | null = null;
let accessExpiresAt = 0;
const listeners = new Set<(user: SessionUser | null) => void>();

export function storedUser(): SessionUser | null {
  const raw = sessionStorage.getItem(USER_KEY);
  return raw ? (JSON.parse(raw) as SessionUser) : null;
}

export function storedRefreshToken(): string | null {
  return sessionStorage.getItem(REFRESH_KEY);
}

export function currentAccessToken(): string | null {
  // Refresh a little early rather than send a token about to expire.
  return accessToken && Date.now() < accessExpiresAt - 15_000 ? accessToken : null;
}

export function saveSession(pair: TokenPair): void {
  accessToken = pair.accessToken;
  accessExpiresAt = Date.now() + pair.expiresIn * 1000;
  sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
  sessionStorage.setItem(USER_KEY, JSON.stringify(pair.user));
  listeners.forEach((l) => l(pair.user));
}

export function clearSession(): void {
  accessToken = null;
  accessExpiresAt = 0;
  sessionStorage.removeItem(REFRESH_KEY);
  sessionStorage.removeItem(USER_KEY);
  listeners.forEach((l) => l(null));
}

export function onSessionChange(listener: (user: SessionUser | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
