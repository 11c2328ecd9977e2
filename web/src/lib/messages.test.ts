import { describe, expect, it } from 'vitest';
import { ConversationLog } from './messages';
import { msg } from './fixtures';

describe('ConversationLog', () => {
  it('keeps a message delivered twice once', () => {
    const log = new ConversationLog();
    expect(log.apply(msg(1))).toBe(true);
    expect(log.apply(msg(1))).toBe(false);
    expect(log.apply(msg(2))).toBe(true);
    expect(log.list().map((m) => m.seq)).toEqual([1, 2]);
  });

  it('orders by seq whatever the arrival order', () => {
    const log = new ConversationLog();
    [3, 1, 2].forEach((s) => log.apply(msg(s)));
    expect(log.list().map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('resumes from the last seq held without a hole', () => {
    const log = new ConversationLog(10);
    expect(log.cursor()).toBe(10);
    log.apply(msg(11));
    log.apply(msg(13));
    expect(log.cursor()).toBe(11);
    log.apply(msg(12));
    expect(log.cursor()).toBe(13);
  });

  it('replaces a message by its later edit or deletion, never by an older state', () => {
    const log = new ConversationLog();
    log.apply(msg(1));
    log.apply(msg(1, { text: 'edited', editedAt: '2026-01-01T00:01:00Z' }));
    expect(log.list()[0].text).toBe('edited');
    expect(log.apply(msg(1))).toBe(false);
    log.apply(msg(1, { text: null, deleted: true }));
    expect(log.list()[0].deleted).toBe(true);
    expect(log.apply(msg(1, { text: 'edited', editedAt: '2026-01-01T00:02:00Z' }))).toBe(false);
  });

  it('lowers its floor when older history is loaded', () => {
    const log = new ConversationLog(5);
    log.load([msg(4), msg(5)], true);
    expect(log.cursor()).toBe(5);
    log.apply(msg(6));
    expect(log.cursor()).toBe(6);
    const all = new ConversationLog(3);
    all.load([msg(1), msg(2), msg(3)], false);
    expect(all.cursor()).toBe(3);
  });
});
