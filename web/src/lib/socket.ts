import { refreshDelay, type TokenKeeper } from './tokens';

export type SocketState = 'connecting' | 'resuming' | 'open' | 'reconnecting' | 'offline' | 'signed-out';

export interface Frame {
  type: string;
  id?: string | number;
  [key: string]: unknown;
}

/** What the socket needs of a WebSocket (the browser's, or a fake in tests). */
export interface WebSocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface SocketOptions {
  url: string; // ws(s)://host/v1/ws
  tokens: TokenKeeper;
  /** The resume cursors: conversationId → last seq held without a hole. */
  cursors: () => Record<string, number>;
  factory?: WebSocketFactory;
  /** Back-off of the n-th reconnect attempt in ms. */
  backoff?: (attempt: number) => number;
  timers?: { set: (f: () => void, ms: number) => unknown; clear: (h: unknown) => void };
}

const OPEN = 1;

/**
 * The one WebSocket of a signed-in client: connects with the access token, resumes every conversation from its
 * cursor after each {@code hello}, reconnects with back-off (and at once when the browser comes back online),
 * re-authenticates after 4001, and watches the connection with app-level pings.
 */
export class TangleSocket {
  private ws: WebSocketLike | null = null;
  private stateValue: SocketState = 'connecting';
  private attempt = 0;
  private nextId = 1;
  private readonly replies = new Map<string, { resolve: (f: Frame) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(f: Frame) => void>();
  private readonly stateListeners = new Set<(s: SocketState) => void>();
  private reconnectTimer: unknown = null;
  private pingTimer: unknown = null;
  private authTimer: unknown = null;
  private lastHeard = 0;
  private heartbeatMs = 25_000;
  private stopped = false;
  private readonly factory: WebSocketFactory;
  private readonly backoff: (attempt: number) => number;
  private readonly timers: NonNullable<SocketOptions['timers']>;
  userId: string | null = null;

  constructor(private readonly opts: SocketOptions) {
    this.factory = opts.factory ?? ((url) => new WebSocket(url, 'tangle.v1') as unknown as WebSocketLike);
    this.backoff = opts.backoff ?? ((n) => Math.min(10_000, 500 * 2 ** Math.min(n, 5)) * (0.75 + Math.random() * 0.5));
    this.timers = opts.timers ?? { set: (f, ms) => setTimeout(f, ms), clear: (h) => clearTimeout(h as number) };
  }

  get state(): SocketState {
    return this.stateValue;
  }

  onFrame(listener: (f: Frame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (s: SocketState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.ws?.close(1000, 'bye');
    this.ws = null;
    this.failReplies('socket stopped');
  }

  /** The browser lost its network: drop the socket now (it would die silently) and wait for online. */
  wentOffline(): void {
    if (this.stopped) return;
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(4000, 'offline');
    }
    this.failReplies('offline');
    this.setState('offline');
  }

  /** The network is back: reconnect at once. */
  cameOnline(): void {
    if (this.stopped || this.ws) return;
    this.attempt = 0;
    void this.connect();
  }

  /** Whether frames can go out now (connected and resumed). */
  get ready(): boolean {
    return this.stateValue === 'open' && this.ws?.readyState === OPEN;
  }

  /** Sends a frame; when it names no id one is given; resolves with the reply frame (ack, error, pong, resumed). */
  request(frame: Frame, timeoutMs = 10_000): Promise<Frame> {
    const id = String(frame.id ?? 'c' + this.nextId++);
    return new Promise<Frame>((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== OPEN) {
        reject(new Error('not connected'));
        return;
      }
      const timer = this.timers.set(() => {
        this.replies.delete(id);
        reject(new Error('no reply to ' + frame.type));
      }, timeoutMs);
      this.replies.set(id, {
        resolve: (f) => {
          this.timers.clear(timer);
          resolve(f);
        },
        reject: (e) => {
          this.timers.clear(timer);
          reject(e);
        },
      });
      this.ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  /** Fire and forget (typing, read, location); dropped when not connected. */
  signal(frame: Frame): boolean {
    if (!this.ws || this.ws.readyState !== OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState(this.attempt === 0 && this.stateValue === 'connecting' ? 'connecting' : 'reconnecting');
    let token: string | null;
    try {
      token = await this.opts.tokens.accessToken();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (!token) {
      this.setState('signed-out');
      return;
    }
    if (this.stopped || this.ws) return;
    const ws = this.factory(this.opts.url + '?access_token=' + encodeURIComponent(token));
    this.ws = ws;
    ws.onmessage = (ev) => this.receive(ws, ev.data);
    ws.onclose = (ev) => this.closed(ws, ev.code);
    ws.onerror = () => undefined; // onclose follows
  }

  private receive(ws: WebSocketLike, data: unknown): void {
    if (ws !== this.ws) return;
    this.lastHeard = Date.now();
    let frame: Frame;
    try {
      frame = JSON.parse(String(data)) as Frame;
    } catch {
      return;
    }
    if (frame.type === 'hello') {
      this.userId = String(frame.userId);
      this.heartbeatMs = Number(frame.heartbeatMs) || 25_000;
      this.attempt = 0;
      this.setState('resuming');
      this.emit(frame);
      this.startPings();
      this.scheduleAuth();
      this.request({ type: 'resume', cursors: this.opts.cursors() }, 30_000)
        .then(() => {
          if (ws === this.ws) this.setState('open');
        })
        .catch(() => ws.close(4000, 'resume failed'));
      return;
    }
    if (frame.id !== undefined && frame.id !== null) {
      const waiting = this.replies.get(String(frame.id));
      if (waiting && (frame.type === 'ack' || frame.type === 'error' || frame.type === 'pong' || frame.type === 'resumed')) {
        this.replies.delete(String(frame.id));
        waiting.resolve(frame);
        return;
      }
    }
    this.emit(frame);
  }

  private closed(ws: WebSocketLike, code: number): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.clearTimers();
    this.failReplies('connection closed (' + code + ')');
    if (this.stopped) return;
    if (code === 4001) {
      // expired or revoked: a refresh tells which
      this.opts.tokens
        .refreshNow()
        .then((s) => (s ? this.scheduleReconnect(0) : this.setState('signed-out')))
        .catch(() => this.scheduleReconnect());
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(delay?: number): void {
    if (this.stopped || this.stateValue === 'offline') return;
    this.setState('reconnecting');
    const ms = delay ?? this.backoff(this.attempt++);
    this.reconnectTimer = this.timers.set(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, ms);
  }

  private startPings(): void {
    const tick = () => {
      const ws = this.ws;
      if (!ws) return;
      if (Date.now() - this.lastHeard > this.heartbeatMs * 2.5) {
        ws.close(4000, 'silent');
        this.closed(ws, 4000);
        return;
      }
      this.request({ type: 'ping' }, this.heartbeatMs).catch(() => undefined);
      this.pingTimer = this.timers.set(tick, this.heartbeatMs);
    };
    this.pingTimer = this.timers.set(tick, this.heartbeatMs);
  }

  /**
   * Before the access token expires: refresh it quietly and hand the new one to the open session ({@code auth}
   * frame), so the socket lives on instead of being closed with 4001 and resumed.
   */
  private scheduleAuth(): void {
    const session = this.opts.tokens.current();
    if (!session) return;
    if (this.authTimer !== null) this.timers.clear(this.authTimer);
    this.authTimer = this.timers.set(() => {
      this.authTimer = null;
      this.opts.tokens
        .accessToken()
        .then((token) => (token && this.ws ? this.request({ type: 'auth', token }) : null))
        .then((reply) => {
          if (reply && reply.type === 'ack') this.scheduleAuth();
        })
        .catch(() => undefined); // a failed auth ends in 4001, which refreshes and reconnects
    }, refreshDelay(session, Date.now()));
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== null) this.timers.clear(this.reconnectTimer);
    if (this.pingTimer !== null) this.timers.clear(this.pingTimer);
    if (this.authTimer !== null) this.timers.clear(this.authTimer);
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.authTimer = null;
  }

  private failReplies(reason: string): void {
    const waiting = [...this.replies.values()];
    this.replies.clear();
    waiting.forEach((w) => w.reject(new Error(reason)));
  }

  private emit(frame: Frame): void {
    this.listeners.forEach((l) => l(frame));
  }

  private setState(s: SocketState): void {
    if (s === this.stateValue) return;
    this.stateValue = s;
    this.stateListeners.forEach((l) => l(s));
  }
}
