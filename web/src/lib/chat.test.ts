import { describe, expect, it } from 'vitest';
import { afterOwnReaction, ChatStore, TYPING_SHOWN_MS, withMine } from './chat';
import { msg } from './fixtures';

const conv = { id: 'c1', kind: 'direct' as const, title: null, groupId: null, memberIds: ['me', 'u1'], lastSeq: 5, lastMessage: null, unreadCount: 2, createdAt: '' };

describe('ChatStore', () => {
  it('starts each conversation at its lastSeq, so resume asks only for newer messages', () => {
    const store = new ChatStore('me');
    store.setConversations([conv]);
    expect(store.cursors()).toEqual({ c1: 5 });
    expect(store.unread.get('c1')).toBe(2);
    store.handle({ type: 'message', event: 'created', conversationId: 'c1', message: msg(6) });
    expect(store.cursors()).toEqual({ c1: 6 });
    expect(store.unread.get('c1')).toBe(3);
  });

  it('replaces a pending send by its acknowledged message, once', () => {
    const store = new ChatStore('me');
    store.setConversations([conv]);
    store.addPending({ conversationId: 'c1', clientMsgId: 'k6', text: 'hi', format: 'plain' });
    expect(store.pendingIn('c1')).toHaveLength(1);
    const mine = msg(6, { senderId: 'me', clientMsgId: 'k6' });
    store.applyMessage(mine); // the ack
    store.handle({ type: 'message', event: 'created', conversationId: 'c1', message: mine }); // its push
    expect(store.pendingIn('c1')).toHaveLength(0);
    expect(store.log('c1').list().map((m) => m.seq)).toEqual([6]);
    expect(store.unread.get('c1')).toBe(2); // my own message is not unread
  });

  it('shows typing for a while, and stops when that user sends', () => {
    let now = 1000;
    const store = new ChatStore('me', () => now);
    store.setConversations([conv]);
    store.handle({ type: 'typing', conversationId: 'c1', userId: 'u1' });
    expect(store.typingIn('c1')).toEqual(['u1']);
    now += TYPING_SHOWN_MS + 1;
    expect(store.typingIn('c1')).toEqual([]);
    store.handle({ type: 'typing', conversationId: 'c1', userId: 'u1' });
    store.handle({ type: 'message', event: 'created', conversationId: 'c1', message: msg(6) });
    expect(store.typingIn('c1')).toEqual([]);
  });

  it('keeps read markers moving forward for others', () => {
    const store = new ChatStore('me');
    store.markRead('c1', 'u1', 7);
    store.markRead('c1', 'u1', 4);
    expect(store.receipts.get('c1')?.get('u1')).toBe(7);
  });

  it("keeps this user's own reactions across events that carry counts only", () => {
    const before = msg(1, { reactions: { counts: { '👍': 1, '🎉': 1 }, mine: ['👍', '🎉'] } });
    const event = msg(1, { reactions: { counts: { '👍': 2 } } as never });
    expect(withMine(event, before).reactions).toEqual({ counts: { '👍': 2 }, mine: ['👍'] });
  });
});

describe('afterOwnReaction', () => {
  it('counts the reaction once when its event came before the response', () => {
    const clicked = msg(1, { reactions: { counts: {}, mine: [] } });
    const eventFirst = { ...clicked, reactions: { counts: { '🎉': 1 }, mine: [] } };
    expect(afterOwnReaction(eventFirst, '🎉', true, 0).reactions).toEqual({ counts: { '🎉': 1 }, mine: ['🎉'] });
  });

  it('moves the count by one until the event confirms it', () => {
    const clicked = msg(1, { reactions: { counts: { '🎉': 2 }, mine: [] } });
    expect(afterOwnReaction(clicked, '🎉', true, 2).reactions).toEqual({ counts: { '🎉': 3 }, mine: ['🎉'] });
    const own = msg(1, { reactions: { counts: { '🎉': 3 }, mine: ['🎉'] } });
    expect(afterOwnReaction(own, '🎉', false, 3).reactions).toEqual({ counts: { '🎉': 2 }, mine: [] });
  });

  it('takes a removal event that came first as it is', () => {
    const eventFirst = msg(1, { reactions: { counts: {}, mine: ['🎉'] } });
    expect(afterOwnReaction(eventFirst, '🎉', false, 1).reactions).toEqual({ counts: {}, mine: [] });
  });
});
