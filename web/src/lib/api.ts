import { TokenKeeper, sessionOf, type Session } from './tokens';
import { ApiError, type AuthResult, type TokenPair } from './types';

const STORAGE_KEY = 'tangle.session';

type Body = Record<string, unknown> | unknown[] | undefined;

/** Reads a problem+json (or any) error response into an ApiError. */
export async function problemOf(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status;
  let detail = res.statusText || 'request failed';
  let field: string | undefined;
  try {
    const p = (await res.json()) as { code?: string; detail?: string; title?: string; field?: string; errors?: { field?: string }[] };
    code = p.code ?? code;
    detail = p.detail ?? p.title ?? detail;
    field = p.field ?? p.errors?.[0]?.field;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, detail, field);
}

function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function storeSession(s: Session | null): void {
  if (s) localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  else localStorage.removeItem(STORAGE_KEY);
}

/** The REST client: JSON in and out, problem+json errors, quiet token refresh, one retry after a 401. */
export class Api {
  readonly tokens: TokenKeeper;

  constructor(private readonly base = '') {
    this.tokens = new TokenKeeper(loadSession(), (rt) => this.refreshAcrossTabs(rt));
    this.tokens.onChange(storeSession);
    window.addEventListener('storage', (e) => {
      if (e.key === STORAGE_KEY) {
        const s = loadSession();
        if (JSON.stringify(s) !== JSON.stringify(this.tokens.current())) this.tokens.set(s);
      }
    });
  }

  async register(handle: string, password: string, displayName?: string): Promise<AuthResult> {
    const r = await this.raw<AuthResult>('POST', '/v1/auth/register', { handle, password, displayName: displayName || undefined }, false);
    this.tokens.set(sessionOf(r, Date.now()));
    return r;
  }

  async login(handle: string, password: string): Promise<AuthResult> {
    const r = await this.raw<AuthResult>('POST', '/v1/auth/login', { handle, password }, false);
    this.tokens.set(sessionOf(r, Date.now()));
    return r;
  }

  async logout(everywhere: boolean): Promise<void> {
    const s = this.tokens.current();
    try {
      if (everywhere) await this.post('/v1/auth/logout-all');
      else if (s) await this.raw('POST', '/v1/auth/logout', { refreshToken: s.refreshToken }, false);
    } finally {
      this.tokens.set(null);
    }
  }

  get<T>(path: string): Promise<T> {
    return this.raw<T>('GET', path, undefined, true);
  }
  post<T>(path: string, body?: Body): Promise<T> {
    return this.raw<T>('POST', path, body ?? {}, true);
  }
  put<T>(path: string, body?: Body): Promise<T> {
    return this.raw<T>('PUT', path, body, true);
  }
  patch<T>(path: string, body: Body): Promise<T> {
    return this.raw<T>('PATCH', path, body, true);
  }
  del<T>(path: string): Promise<T> {
    return this.raw<T>('DELETE', path, undefined, true);
  }

  /** Sends one request; with auth, refreshes first when needed and once more after a 401. */
  async raw<T>(method: string, path: string, body: Body, auth: boolean): Promise<T> {
    let res = await this.send(method, path, body, auth);
    if (auth && res.status === 401 && this.tokens.current()) {
      const fresh = await this.tokens.refreshNow().catch(() => null);
      if (fresh) res = await this.send(method, path, body, auth);
    }
    if (!res.ok) throw await problemOf(res);
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : undefined) as T;
  }

  private async send(method: string, path: string, body: Body, auth: boolean): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) {
      const token = await this.tokens.accessToken();
      if (!token) throw new ApiError(401, 'unauthorized', 'signed out');
      headers.Authorization = 'Bearer ' + token;
    }
    return fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /**
   * Refresh tokens are single use and shared by the tabs of this browser: refresh under a Web Lock, and if another
   * tab already refreshed (storage holds a newer token), adopt its tokens instead of spending ours again.
   */
  private async refreshAcrossTabs(refreshToken: string): Promise<TokenPair> {
    const run = async (): Promise<TokenPair> => {
      const stored = loadSession();
      if (stored && stored.refreshToken !== refreshToken && stored.expiresAt - Date.now() > 60_000) {
        return { ...stored, expiresIn: Math.floor((stored.expiresAt - Date.now()) / 1000) };
      }
      return this.raw<TokenPair>('POST', '/v1/auth/refresh', { refreshToken }, false);
    };
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? locks.request('tangle.refresh', run) : run();
  }
}
