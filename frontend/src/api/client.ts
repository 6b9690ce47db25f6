import type { Tokens, User } from './types';

/** A problem+json answer (RFC 9457) of the API, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: { field: string; message: string }[];
  readonly body: Record<string, unknown>;
  readonly retryAfter: number | null;

  constructor(status: number, body: Record<string, unknown>, retryAfter: number | null = null) {
    const detail = typeof body.detail === 'string' ? body.detail : `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : status === 0 ? 'network-error' : `http-${status}`;
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? (body.errors as { field: string; message: string }[]) : [];
    this.body = body;
    this.retryAfter = retryAfter;
  }

  /** The message for one field of a 422 (or a 409 that names its field, like email-taken). */
  fieldMessage(field: string): string | undefined {
    const hit = this.errors.find((e) => e.field === field);
    if (hit) return hit.message;
    if (this.body.field === field) return this.detail;
    return undefined;
  }

  /**
   * The endpoint itself does not exist on this server (yet): features whose API is not deployed show a
   * "not available" state instead of an error. An unknown *resource* is a 404 with a specific code.
   */
  get endpointMissing(): boolean {
    return this.status === 404 && (this.code === 'not-found' || this.code === 'http-404') && /endpoint/i.test(this.detail);
  }
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** epoch millis when the access token expires */
  expiresAt: number;
  user: User;
}

const STORAGE_KEY = 'mockupaws.session';

/**
 * The session lives in localStorage so a reload or a second tab stays signed in. The API uses bearer tokens,
 * not cookies (no CSRF surface); the Content-Security-Policy allows only this origin's scripts, which is what keeps
 * the stored tokens away from injected code.
 */
export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s && s.accessToken && s.refreshToken ? s : null;
  } catch {
    return null;
  }
}

export function sessionFromTokens(t: Tokens): Session {
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: Date.now() + t.expires_in * 1000,
    user: t.user,
  };
}

type Listener = (s: Session | null) => void;

class SessionStore {
  private current: Session | null = loadSession();
  private listeners = new Set<Listener>();
  private refreshing: Promise<Session | null> | null = null;

  get(): Session | null {
    return this.current;
  }

  set(s: Session | null) {
    this.current = s;
    try {
      if (s) localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      /* storage disabled: the session lasts as long as the page */
    }
    this.listeners.forEach((l) => l(s));
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** One refresh at a time: concurrent 401s share it (a refresh token works once; spending it twice ends the session). */
  refresh(): Promise<Session | null> {
    if (this.refreshing) return this.refreshing;
    const s = this.current;
    if (!s) return Promise.resolve(null);
    this.refreshing = (async () => {
      try {
        const res = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refresh_token: s.refreshToken }),
        });
        if (!res.ok) {
          // Another tab may have refreshed already and stored the new pair.
          const stored = loadSession();
          if (stored && stored.refreshToken !== s.refreshToken) {
            this.set(stored);
            return stored;
          }
          this.set(null);
          return null;
        }
        const next = sessionFromTokens((await res.json()) as Tokens);
        this.set(next);
        return next;
      } catch {
        return this.current;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}

export const sessionStore = new SessionStore();

// Another tab signing in or out.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY) {
      const s = loadSession();
      if (JSON.stringify(s) !== JSON.stringify(sessionStore.get())) sessionStore.set(s);
    }
  });
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** no Authorization header (sign-in endpoints) */
  anonymous?: boolean;
  raw?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const text = await res.text();
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  const ra = res.headers.get('Retry-After');
  return new ApiError(res.status, body, ra ? Number(ra) : null);
}

const EXPIRED_CODES = new Set(['token-expired', 'invalid-token']);

/** Calls the API with the session's access token, refreshing it once when it has expired. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (opts.raw) return res as unknown as T;
  if (type.includes('json')) return (await res.json()) as T;
  return (await res.text()) as unknown as T;
}

/** The raw response (for downloads), after the same authentication and error handling. */
export async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const url = buildUrl(path, opts.query);
  let session = opts.anonymous ? null : sessionStore.get();
  if (session && session.expiresAt - Date.now() < 30_000) session = await sessionStore.refresh();
  const doFetch = (s: Session | null) => {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json, */*' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (s) headers.Authorization = `Bearer ${s.accessToken}`;
    return fetch(url, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  };
  let res: Response;
  try {
    res = await doFetch(session);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, { detail: (e as Error).message });
  }
  if (res.status === 401 && session) {
    const err = await toError(res);
    if (EXPIRED_CODES.has(err.code)) {
      const next = await sessionStore.refresh();
      if (next) {
        res = await doFetch(next);
        if (res.ok) return res;
        throw await toError(res);
      }
    }
    // session-ended, invalid-refresh-token, …: signed out
    sessionStore.set(null);
    throw err;
  }
  if (!res.ok) throw await toError(res);
  return res;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: RequestOptions['query']) =>
    request<T>(path, { method: 'POST', body, query }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};
