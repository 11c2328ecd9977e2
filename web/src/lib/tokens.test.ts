import { describe, expect, it, vi } from 'vitest';
import { TokenKeeper, needsRefresh, refreshDelay, sessionOf } from './tokens';
import { ApiError } from './types';

const pair = (n: number) => ({ accessToken: 'a' + n, refreshToken: 'r' + n, expiresIn: 900 });

describe('token refresh', () => {
  it('refreshes only within the skew before expiry', () => {
    const s = sessionOf(pair(1), 0);
    expect(s.expiresAt).toBe(900_000);
    expect(needsRefresh(s, 800_000)).toBe(false);
    expect(needsRefresh(s, 840_000)).toBe(true);
    expect(refreshDelay(s, 0)).toBe(840_000);
    expect(refreshDelay(s, 2_000_000)).toBe(0);
  });

  it('returns the current token without a refresh while it is fresh', async () => {
    const refresh = vi.fn();
    const keeper = new TokenKeeper(sessionOf(pair(1), 0), refresh, () => 1000);
    expect(await keeper.accessToken()).toBe('a1');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('spends the refresh token once however many callers need a token at the same time', async () => {
    let now = 0;
    let calls = 0;
    const refresh = vi.fn(async (rt: string) => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      expect(rt).toBe('r1');
      return pair(2);
    });
    const keeper = new TokenKeeper(sessionOf(pair(1), 0), refresh, () => now);
    now = 899_000;
    const tokens = await Promise.all([keeper.accessToken(), keeper.accessToken(), keeper.accessToken()]);
    expect(tokens).toEqual(['a2', 'a2', 'a2']);
    expect(calls).toBe(1);
    expect(keeper.current()?.refreshToken).toBe('r2');
  });

  it('signs out when the refresh is refused, keeps the session on a network error', async () => {
    const refused = new TokenKeeper(sessionOf(pair(1), 0), async () => {
      throw new ApiError(401, 'unauthorized', 'spent');
    });
    const changes: unknown[] = [];
    refused.onChange((s) => changes.push(s));
    expect(await refused.refreshNow()).toBeNull();
    expect(refused.current()).toBeNull();
    expect(changes).toEqual([null]);

    const offline = new TokenKeeper(sessionOf(pair(1), 0), async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(offline.refreshNow()).rejects.toThrow('Failed to fetch');
    expect(offline.current()?.refreshToken).toBe('r1');
  });
});
