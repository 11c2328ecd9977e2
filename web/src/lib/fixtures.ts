import type { Message } from './types';

/** A message for tests. */
export function msg(seq: number, extra: Partial<Message> = {}): Message {
  return {
    id: 'm' + seq, conversationId: 'c1', seq, senderId: 'u1', clientMsgId: 'k' + seq, text: 't' + seq, format: 'plain',
    replyToId: null, quoteOfId: null, forward: null, threadRootId: null, threadReplyCount: 0, mediaIds: [], position: null,
    createdAt: '2026-01-01T00:00:00Z', editedAt: null, deleted: false, reactions: { counts: {}, mine: [] }, ...extra,
  };
}
