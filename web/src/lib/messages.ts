import type { Message } from './types';

/**
 * The messages of one conversation as this client knows them: keyed by seq, so a message that arrives twice (an ack
 * and its push, a resume overlapping live delivery, a reconnect) is stored once, and a later event for the same seq
 * (edit, delete, reaction) replaces the earlier state.
 */
export class ConversationLog {
  private readonly bySeq = new Map<number, Message>();
  private floor: number;

  /** @param floor the seq below which history was not loaded (everything <= floor counts as seen for resume) */
  constructor(floor = 0) {
    this.floor = floor;
  }

  /** Adds or replaces; returns whether anything changed. An older edit never overwrites a newer one. */
  apply(m: Message): boolean {
    const had = this.bySeq.get(m.seq);
    if (had && !newer(m, had)) return false;
    this.bySeq.set(m.seq, m);
    return true;
  }

  /** Adds a page of history (e.g. the last 50) and lowers the floor to just below it. */
  load(items: Message[], hasMoreBefore: boolean): void {
    items.forEach((m) => this.apply(m));
    if (items.length > 0) {
      const lowest = Math.min(...items.map((m) => m.seq));
      this.floor = hasMoreBefore ? Math.min(this.floor, lowest - 1) : 0;
    }
  }

  /**
   * The cursor for {@code resume}: the highest seq up to which every message is held (from the floor on). Messages
   * after a hole are kept but do not move the cursor, so the resume fetches the hole; they are then deduplicated.
   */
  cursor(): number {
    let s = this.floor;
    while (this.bySeq.has(s + 1)) s++;
    return s;
  }

  get(seq: number): Message | undefined {
    return this.bySeq.get(seq);
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq);
  }

  /** Messages in seq order. */
  list(): Message[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  get size(): number {
    return this.bySeq.size;
  }

  byId(id: string): Message | undefined {
    for (const m of this.bySeq.values()) if (m.id === id) return m;
    return undefined;
  }
}

/** Whether `a` is a later state of the same message than `b` (deletion wins; then the later edit). */
function newer(a: Message, b: Message): boolean {
  if (b.deleted && !a.deleted) return false;
  if (a.deleted && !b.deleted) return true;
  const ta = a.editedAt ? Date.parse(a.editedAt) : 0;
  const tb = b.editedAt ? Date.parse(b.editedAt) : 0;
  if (ta !== tb) return ta > tb;
  return JSON.stringify(a) !== JSON.stringify(b);
}

/** A random client message id, stable across retries of the same send. */
export function newClientMsgId(): string {
  return 'c-' + crypto.randomUUID();
}
