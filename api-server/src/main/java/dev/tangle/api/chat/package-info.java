/**
 * Conversations and messages: api-server is the only writer of chat data.
 *
 * <p>Sub-packages: {@code conversation} (kinds, members, channel sync from group events), {@code message}
 * (sends with gapless seq and idempotency, edits, tombstones, reactions, history), {@code read} (read markers,
 * receipts, the hide-receipts setting), {@code svc} (the {@code tangle.svc.chat.*} request/reply services
 * socket-server calls).
 *
 * <p>Invariants: every message has a {@code seq} per conversation, 1..lastSeq with no gap, assigned in the
 * insert transaction under the conversation row's lock; {@code (sender, clientMsgId)} is unique forever; every
 * state change writes its event into the outbox in the same transaction; someone who may not see a conversation
 * gets 404 for everything about it. Channel members are the group's members: authorization reads
 * {@code group_members} directly, {@code conversation_members} mirrors it from group events.
 */
package dev.tangle.api.chat;
