import type { ChatStore, PendingSend } from './chat';
import { newClientMsgId } from './messages';
import type { TangleSocket } from './socket';
import type { Message } from './types';

/** Sends over the socket; stays pending (and is retried with the same clientMsgId) when not connected. */
export async function sendMessage(socket: TangleSocket, store: ChatStore, draft: Omit<PendingSend, 'clientMsgId'>): Promise<void> {
  const p: PendingSend = { ...draft, clientMsgId: newClientMsgId() };
  store.addPending(p);
  await trySend(socket, store, p);
}

async function trySend(socket: TangleSocket, store: ChatStore, p: PendingSend): Promise<void> {
  if (!socket.ready) return;
  try {
    const reply = await socket.request({
      type: 'send', conversationId: p.conversationId, clientMsgId: p.clientMsgId, text: p.text, format: p.format,
      replyToId: p.replyToId, quoteOfId: p.quoteOfId, threadRootId: p.threadRootId, mediaIds: p.mediaIds?.length ? p.mediaIds : undefined, position: p.position,
    });
    if (reply.type === 'ack' && reply.message) store.applyMessage(reply.message as Message);
    else if (reply.type === 'error') store.failPending(p.clientMsgId, String(reply.detail ?? reply.code));
  } catch {
    // connection dropped before the ack: retried after the resume with the same clientMsgId (idempotent)
  }
}

/** After a resume: sends every pending message again (the server answers a repeated clientMsgId with the same message). */
export function flushPending(socket: TangleSocket, store: ChatStore): void {
  for (const p of store.pending.values()) if (!p.failed) void trySend(socket, store, p);
}
