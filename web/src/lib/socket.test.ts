import { describe, expect, it } from 'vitest';
import { ChatStore } from './chat';
import { msg } from './fixtures';
import { TangleSocket, type WebSocketLike } from './socket';
import { TokenKeeper, sessionOf } from './tokens';

class FakeWs implements WebSocketLike {
  readyState = 1;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  sent: Record<string, unknown>[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  push(frame: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function harness(expiresIn = 900) {
  const sockets: FakeWs[] = [];
  const timers: { f: () => void; ms: number }[] = [];
  const store = new ChatStore('me');
  store.setConversations([{ id: 'c1', kind: 'direct', title: null, groupId: null, memberIds: ['me', 'u1'], lastSeq: 0, lastMessage: null, unreadCount: 0, createdAt: '' }]);
  let refreshed = 0;
  const tokens = new TokenKeeper(sessionOf({ accessToken: 'a1', refreshToken: 'r1', expiresIn }, Date.now()), async () => {
    refreshed++;
    return { accessToken: 'a' + (refreshed + 1), refreshToken: 'r' + (refreshed + 1), expiresIn: 900 };
  });
  const socket = new TangleSocket({
    url: 'ws://edge/v1/ws',
    tokens,
    cursors: () => store.cursors(),
    factory: (url) => {
      const ws = new FakeWs(url);
      sockets.push(ws);
      return ws;
    },
    backoff: () => 100,
    timers: { set: (f, ms) => timers.push({ f, ms }), clear: () => undefined },
  });
  socket.onFrame((f) => store.handle(f));
  const runReconnect = () => {
    const t = timers.filter((x) => x.ms === 100).pop();
    t?.f();
  };
  return { sockets, store, socket, timers, runReconnect, refreshed: () => refreshed };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('socket resume', () => {
  it('resumes from the cursors after every hello and keeps each message once', async () => {
    const h = harness();
    await h.socket.start();
    const ws1 = h.sockets[0];
    expect(ws1.url).toBe('ws://edge/v1/ws?access_token=a1');
    ws1.push({ type: 'hello', userId: 'me', sessionId: 's1', heartbeatMs: 25000 });
    const resume1 = ws1.sent.find((f) => f.type === 'resume')!;
    expect(resume1.cursors).toEqual({ c1: 0 });
    ws1.push({ type: 'message', event: 'created', conversationId: 'c1', message: msg(1) });
    ws1.push({ type: 'message', event: 'created', conversationId: 'c1', message: msg(2) });
    ws1.push({ type: 'resumed', id: resume1.id, delivered: 2, skipped: [] });
    await flush();
    expect(h.socket.state).toBe('open');

    ws1.close(1006);
    expect(h.socket.state).toBe('reconnecting');
    h.runReconnect();
    await flush();
    const ws2 = h.sockets[1];
    ws2.push({ type: 'hello', userId: 'me', sessionId: 's2', heartbeatMs: 25000 });
    const resume2 = ws2.sent.find((f) => f.type === 'resume')!;
    expect(resume2.cursors).toEqual({ c1: 2 });
    // the server sends 2 again (overlap) and the missed 3 and 4
    [2, 3, 4].forEach((s) => ws2.push({ type: 'message', event: 'created', conversationId: 'c1', message: msg(s) }));
    ws2.push({ type: 'message', event: 'created', conversationId: 'c1', message: msg(3) });
    ws2.push({ type: 'resumed', id: resume2.id, delivered: 3, skipped: [] });
    await flush();
    expect(h.store.log('c1').list().map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(h.store.unread.get('c1')).toBe(4);
    expect(h.socket.state).toBe('open');
  });

  it('refreshes the token after 4001 and reconnects with the new one', async () => {
    const h = harness();
    await h.socket.start();
    h.sockets[0].push({ type: 'hello', userId: 'me', sessionId: 's1', heartbeatMs: 25000 });
    h.sockets[0].close(4001);
    await flush();
    await flush();
    expect(h.refreshed()).toBe(1);
    h.timers.filter((x) => x.ms === 0).pop()!.f();
    await flush();
    expect(h.sockets.length).toBe(2);
    expect(h.sockets[1].url).toBe('ws://edge/v1/ws?access_token=a2');
  });

  it('hands a refreshed token to the open session before the old one expires', async () => {
    const h = harness(61); // refresh is due in about a second
    await h.socket.start();
    const ws = h.sockets[0];
    ws.push({ type: 'hello', userId: 'me', sessionId: 's1', heartbeatMs: 25000 });
    const renew = h.timers.find((t) => t.ms > 0 && t.ms <= 1000)!;
    expect(renew).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1100));
    renew.f();
    await flush();
    await flush();
    const auth = ws.sent.find((f) => f.type === 'auth')!;
    expect(auth.token).toBe('a2');
    expect(h.refreshed()).toBe(1);
    expect(h.sockets.length).toBe(1); // no reconnect
  });

  it('goes offline without reconnecting, and reconnects at once when back online', async () => {
    const h = harness();
    await h.socket.start();
    h.sockets[0].push({ type: 'hello', userId: 'me', sessionId: 's1', heartbeatMs: 25000 });
    h.socket.wentOffline();
    expect(h.socket.state).toBe('offline');
    expect(h.sockets.length).toBe(1);
    h.socket.cameOnline();
    await flush();
    expect(h.sockets.length).toBe(2);
    expect(h.socket.state).toBe('reconnecting');
  });

  it('answers a request by its id and fails it when the connection drops', async () => {
    const h = harness();
    await h.socket.start();
    const ws = h.sockets[0];
    const ack = h.socket.request({ type: 'send', conversationId: 'c1', clientMsgId: 'k9', text: 'hi' });
    const sent = ws.sent.find((f) => f.type === 'send')!;
    ws.push({ type: 'ack', id: sent.id, message: msg(9) });
    expect((await ack).type).toBe('ack');
    const lost = h.socket.request({ type: 'send', conversationId: 'c1', clientMsgId: 'k10', text: 'hi' });
    ws.close(1006);
    await expect(lost).rejects.toThrow('connection closed');
  });
});
