import type { TokenPair } from './types';

/** Tokens of the signed-in user and when the access token expires (epoch ms). */
export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

/** Refresh this long before the access token expires, so no request goes out with a dying token. */
export const REFRESH_SKEW_MS = 60_000;

export function sessionOf(pair: TokenPair, now: number): Session {
  return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: now + pair.expiresIn * 1000 };
}

export function needsRefresh(session: Session, now: number, skewMs = REFRESH_SKEW_MS): boolean {
  return now >= session.expiresAt - skewMs;
}

/** Milliseconds until the quiet refresh should run (never negative). */
export function refreshDelay(session: Session, now: number, skewMs = REFRESH_SKEW_MS): number {
  return Math.max(0, session.expiresAt - skewMs - now);
}

/**
 * Keeps the session fresh: one refresh at a time however many callers ask (refresh tokens are single use: two
 * concurrent refreshes would spend the same token twice, and the second would revoke the whole family).
 */
export class TokenKeeper {
  private session: Session | null;
  private inFlight: Promise<Session | null> | null = null;
  private readonly listeners = new Set<(s: Session | null) => void>();

  constructor(
    initial: Session | null,
    private readonly refresh: (refreshToken: string) => Promise<TokenPair>,
    private readonly now: () => number = Date.now,
  ) {
    this.session = initial;
  }

  current(): Session | null {
    return this.session;
  }

  set(session: Session | null): void {
    this.session = session;
    this.listeners.forEach((l) => l(session));
  }

  onChange(listener: (s: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A valid access token, refreshing first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const s = this.session;
    if (!s) return null;
    if (!needsRefresh(s, this.now())) return s.accessToken;
    const fresh = await this.refreshNow();
    return fresh?.accessToken ?? null;
  }

  /**
   * Refreshes now (single flight). A refused refresh (401: spent or revoked) signs out; a network failure keeps the
   * session so that a later try can succeed.
   */
  refreshNow(): Promise<Session | null> {
    if (this.inFlight) return this.inFlight;
    const s = this.session;
    if (!s) return Promise.resolve(null);
    this.inFlight = this.refresh(s.refreshToken)
      .then((pair) => {
        const next = sessionOf(pair, this.now());
        this.set(next);
        return next as Session | null;
      })
      .catch((e: unknown) => {
        if (isUnauthorized(e)) {
          this.set(null);
          return null;
        }
        throw e;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}

function isUnauthorized(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'status' in e && ((e as { status: number }).status === 401);
}
