import { ConversationLog } from './messages';
import type { Frame } from './socket';
import type { Conversation, Message } from './types';

export const TYPING_SHOWN_MS = 4_000;

/** A send not yet acknowledged (shown as "sending…", retried with the same clientMsgId after a reconnect). */
export interface PendingSend {
  conversationId: string;
  clientMsgId: string;
  text: string;
  format: 'plain' | 'markdown';
  replyToId?: string;
  quoteOfId?: string;
  threadRootId?: string;
  mediaIds?: string[];
  position?: { x: number; y: number };
  failed?: string;
}

/**
 * Everything live of the chat, fed by socket frames and REST pages: per-conversation logs (deduplicated by seq),
 * conversations, typing, read markers, presence, unread counts and pending sends. Views subscribe and re-render on
 * {@link version} changes.
 */
export class ChatStore {
  readonly logs = new Map<string, ConversationLog>();
  readonly conversations = new Map<string, Conversation>();
  readonly typing = new Map<string, Map<string, number>>();
  readonly receipts = new Map<string, Map<string, number>>();
  readonly presence = new Map<string, string>();
  readonly unread = new Map<string, number>();
  readonly pending = new Map<string, PendingSend>();
  /** Conversations whose latest messages were loaded (otherwise only newer ones are held). */
  readonly loaded = new Set<string>();
  openConversation: string | null = null;
  version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly me: string,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getVersion = (): number => this.version;

  changed(): void {
    this.version++;
    this.listeners.forEach((l) => l());
  }

  log(conversationId: string): ConversationLog {
    let log = this.logs.get(conversationId);
    if (!log) {
      const c = this.conversations.get(conversationId);
      log = new ConversationLog(c ? c.lastSeq : 0);
      this.logs.set(conversationId, log);
    }
    return log;
  }

  /** The conversation list from REST: each one's log starts at its lastSeq, so resume fetches only newer ones. */
  setConversations(list: Conversation[]): void {
    for (const c of list) {
      this.conversations.set(c.id, c);
      this.log(c.id);
      if (!this.unread.has(c.id)) this.unread.set(c.id, c.unreadCount ?? 0);
    }
    this.changed();
  }

  upsertConversation(c: Conversation): void {
    this.conversations.set(c.id, { ...this.conversations.get(c.id), ...c });
    this.log(c.id);
    this.changed();
  }

  /** Adds a page of history. */
  loadHistory(conversationId: string, items: Message[], hasMore: boolean): void {
    this.log(conversationId).load(items, hasMore);
    this.loaded.add(conversationId);
    this.changed();
  }

  /** Applies one message (push, ack or page); returns whether it was new or newer. */
  applyMessage(pushed: Message): boolean {
    const log = this.log(pushed.conversationId);
    const m = withMine(pushed, log.get(pushed.seq));
    const isNew = !log.has(m.seq);
    const changed = log.apply(m);
    if (m.senderId === this.me) this.pending.delete(m.clientMsgId);
    if (isNew) {
      const c = this.conversations.get(m.conversationId);
      if (c) this.conversations.set(c.id, { ...c, lastSeq: Math.max(c.lastSeq, m.seq), lastMessage: m });
      if (m.senderId !== this.me && this.openConversation !== m.conversationId) {
        this.unread.set(m.conversationId, (this.unread.get(m.conversationId) ?? 0) + 1);
      }
      this.typing.get(m.conversationId)?.delete(m.senderId);
    }
    if (changed) this.changed();
    return changed;
  }

  /** Applies a server frame. */
  handle(f: Frame): void {
    switch (f.type) {
      case 'message':
        this.applyMessage(f.message as Message);
        break;
      case 'conversation': {
        const c = f.conversation as Conversation;
        if (f.event === 'removed') {
          this.conversations.delete(c.id);
          this.changed();
        } else {
          this.upsertConversation(c);
        }
        break;
      }
      case 'typing': {
        const conv = String(f.conversationId);
        const users = this.typing.get(conv) ?? new Map<string, number>();
        users.set(String(f.userId), this.now() + TYPING_SHOWN_MS);
        this.typing.set(conv, users);
        this.changed();
        break;
      }
      case 'read': {
        this.markRead(String(f.conversationId), String(f.userId), Number(f.seq));
        break;
      }
      case 'presence':
        this.presence.set(String(f.userId), String(f.status));
        this.changed();
        break;
      default:
        break;
    }
  }

  markRead(conversationId: string, userId: string, seq: number): void {
    const marks = this.receipts.get(conversationId) ?? new Map<string, number>();
    if ((marks.get(userId) ?? 0) >= seq && userId !== this.me) return;
    marks.set(userId, seq);
    this.receipts.set(conversationId, marks);
    if (userId === this.me) this.unread.set(conversationId, 0);
    this.changed();
  }

  /** Who is typing in a conversation now. */
  typingIn(conversationId: string): string[] {
    const users = this.typing.get(conversationId);
    if (!users) return [];
    const t = this.now();
    return [...users.entries()].filter(([u, until]) => until > t && u !== this.me).map(([u]) => u);
  }

  /** The resume cursors: every known conversation's highest seq held without a hole. */
  cursors(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, log] of this.logs) out[id] = log.cursor();
    return out;
  }

  addPending(p: PendingSend): void {
    this.pending.set(p.clientMsgId, p);
    this.changed();
  }

  failPending(clientMsgId: string, reason: string): void {
    const p = this.pending.get(clientMsgId);
    if (p) {
      this.pending.set(clientMsgId, { ...p, failed: reason });
      this.changed();
    }
  }

  pendingIn(conversationId: string): PendingSend[] {
    return [...this.pending.values()].filter((p) => p.conversationId === conversationId && !this.log(conversationId).list().some((m) => m.clientMsgId === p.clientMsgId && m.senderId === this.me));
  }
}

/**
 * Events carry reaction counts without {@code mine} (they go to every member): keep what this user had reacted with,
 * where that emoji still has a count.
 */
export function withMine(m: Message, before: Message | undefined): Message {
  const r = m.reactions ?? { counts: {}, mine: [] };
  if (Array.isArray(r.mine)) return m.reactions ? m : { ...m, reactions: r };
  const counts = r.counts ?? {};
  const mine = (before?.reactions?.mine ?? []).filter((e) => (counts[e] ?? 0) > 0);
  return { ...m, reactions: { counts, mine } };
}

/**
 * The message after this user's own reaction was accepted (204). The reaction event carries the true count and may
 * arrive before the response: when the count for {@code emoji} moved since the click ({@code countBefore}), the
 * event is already in and only {@code mine} is set; otherwise the count moves by one until the event confirms it.
 */
export function afterOwnReaction(cur: Message, emoji: string, on: boolean, countBefore: number): Message {
  const counts = { ...(cur.reactions?.counts ?? {}) };
  const mine = new Set(cur.reactions?.mine ?? []);
  const eventArrived = (counts[emoji] ?? 0) !== countBefore;
  if (!eventArrived && on && !mine.has(emoji)) counts[emoji] = (counts[emoji] ?? 0) + 1;
  if (!eventArrived && !on && mine.has(emoji)) counts[emoji] = Math.max(0, (counts[emoji] ?? 1) - 1);
  if (on) mine.add(emoji);
  else mine.delete(emoji);
  return { ...cur, reactions: { counts, mine: [...mine] } };
}
