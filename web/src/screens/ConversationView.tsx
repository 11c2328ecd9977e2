import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp, useStore, useUsers } from '../app/context';
import type { Frame } from '../lib/socket';
import type { Message, Page } from '../lib/types';
import { Composer, type ComposeContext } from './Composer';
import { MessageItem } from './MessageItem';
import { title } from './ChatsScreen';

/** One conversation: history, live messages, typing, receipts, threads; the canvas board for canvas ones. */
export function ConversationView({ id }: { id: string }) {
  const { api, me, socket } = useApp();
  const store = useStore();
  const users = useUsers();
  const conv = store.conversations.get(id);
  const [context, setContext] = useState<ComposeContext | null>(null);
  const [thread, setThread] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [room, setRoom] = useState<string[]>([]);
  const bottom = useRef<HTMLDivElement>(null);
  const lastRead = useRef(0);

  // history and receipts once
  useEffect(() => {
    store.openConversation = id;
    store.unread.set(id, 0);
    let stop = false;
    api.get<typeof conv>('/v1/conversations/' + id).then((c) => c && !stop && store.upsertConversation(c), (e: Error) => !stop && setError(e.message));
    if (!store.loaded.has(id)) {
      const before = (store.conversations.get(id)?.lastSeq ?? 0) + 1;
      api.get<{ items: Message[]; hasMore: boolean }>(`/v1/conversations/${id}/messages?beforeSeq=${before}&limit=50`)
        .then((p) => !stop && store.loadHistory(id, p.items, p.hasMore), () => undefined);
    }
    api.get<Page<{ userId: string; seq: number }> | { userId: string; seq: number }[]>(`/v1/conversations/${id}/receipts`)
      .then((r) => (Array.isArray(r) ? r : r.items).forEach((x) => store.markRead(id, x.userId, x.seq)), () => undefined);
    return () => {
      stop = true;
      if (store.openConversation === id) store.openConversation = null;
    };
  }, [api, id, store]);

  // canvas presence
  useEffect(() => {
    if (conv?.kind !== 'canvas') return;
    const join = () => socket.signal({ type: 'canvas.join', conversationId: id });
    join();
    const off = socket.onFrame((f: Frame) => {
      if (f.conversationId !== id) return;
      if (f.type === 'canvas.sync') setRoom((f.users as string[]) ?? []);
      if (f.type === 'canvas.joined') setRoom((r) => [...new Set([...r, String(f.userId)])]);
      if (f.type === 'canvas.left') setRoom((r) => r.filter((u) => u !== f.userId));
    });
    const offState = socket.onState((s) => s === 'open' && join());
    return () => {
      off();
      offState();
      socket.signal({ type: 'canvas.leave', conversationId: id });
    };
  }, [conv?.kind, id, socket]);

  const log = store.log(id);
  const all = log.list();
  const timeline = all.filter((m) => !m.threadRootId);
  const pending = store.pendingIn(id).filter((p) => !p.threadRootId);
  const newest = all.length ? all[all.length - 1].seq : 0;

  // read marker follows what is on screen (now, or when the tab becomes visible again)
  useEffect(() => {
    const markRead = () => {
      if (newest <= lastRead.current || document.visibilityState !== 'visible') return;
      lastRead.current = newest;
      if (!socket.signal({ type: 'read', conversationId: id, seq: newest })) {
        api.post(`/v1/conversations/${id}/read`, { seq: newest }).catch(() => undefined);
      }
      store.markRead(id, me.id, newest);
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [newest, id, socket, api, store, me.id]);

  // follow new messages
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [newest, pending.length]);

  const marks = store.receipts.get(id);
  const seenBy = useMemo(() => {
    const out = new Map<number, string[]>();
    if (!marks) return out;
    const mine = timeline.filter((m) => m.senderId === me.id);
    for (const [user, seq] of marks) {
      if (user === me.id) continue;
      const last = [...mine].reverse().find((m) => m.seq <= seq);
      if (last) out.set(last.seq, [...(out.get(last.seq) ?? []), user]);
    }
    return out;
  }, [marks, timeline, me.id]);

  if (!conv) return <section className="pane">{error ? <p role="alert">{error}</p> : <p role="status">Loading…</p>}</section>;
  const typing = store.typingIn(id);
  const other = conv.kind === 'direct' ? conv.memberIds.find((m) => m !== me.id) : undefined;
  const isCanvas = conv.kind === 'canvas';

  return (
    <section className="pane conversation" aria-label={'Conversation ' + title(conv, me.id, users)}>
      <header className="conv-head">
        <a href="#/chats" className="back" aria-label="Back to conversations">←</a>
        <h2>{title(conv, me.id, users)}</h2>
        {other && <span className={'presence p-' + (store.presence.get(other) ?? 'offline')} data-testid="presence">{store.presence.get(other) ?? 'offline'}</span>}
        {isCanvas && <span className="muted">In the room: {room.map((u) => users.name(u)).join(', ') || 'just you'}</span>}
      </header>
      <div className={isCanvas ? 'canvas-board' : 'messages'} role="log" aria-label="Messages" aria-live="polite"
        onDoubleClick={isCanvas ? (e) => {
          const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
          setContext({ kind: 'position', x: (e.clientX - r.left) / r.width, y: (e.clientY - r.top) / r.height });
        } : undefined}>
        {timeline.map((m) => (
          <MessageItem key={m.seq} m={m} conv={conv} onContext={setContext} onThread={setThread}
            seenBy={seenBy.get(m.seq)} canvas={isCanvas} />
        ))}
        {pending.map((p) => (
          <div key={p.clientMsgId} className="msg mine pending" data-testid="pending">
            <p>{p.text}</p>
            <small>{p.failed ? <span role="alert">Not sent: {p.failed}</span> : 'sending…'}</small>
          </div>
        ))}
        <div ref={bottom} />
      </div>
      <p className="typing" aria-live="polite" data-testid="typing">
        {typing.length > 0 ? typing.map((u) => users.name(u)).join(', ') + (typing.length > 1 ? ' are' : ' is') + ' typing…' : ''}
      </p>
      <Composer conversationId={id} context={context} clearContext={() => setContext(null)} />
      {thread && <ThreadPanel conversationId={id} root={thread} onClose={() => setThread(null)} />}
    </section>
  );
}

function ThreadPanel({ conversationId, root, onClose }: { conversationId: string; root: string; onClose: () => void }) {
  const { api } = useApp();
  const store = useStore();
  useEffect(() => {
    api.get<{ items: Message[] }>(`/v1/conversations/${conversationId}/messages?threadRootId=${root}&limit=200`)
      .then((p) => p.items.forEach((m) => store.applyMessage(m)), () => undefined);
  }, [api, conversationId, root, store]);
  const log = store.log(conversationId);
  const rootMsg = log.byId(root);
  const replies = log.list().filter((m) => m.threadRootId === root);
  const conv = store.conversations.get(conversationId)!;
  return (
    <aside className="thread" aria-label="Thread">
      <header className="conv-head">
        <h3>Thread</h3>
        <button onClick={onClose} aria-label="Close thread">×</button>
      </header>
      {rootMsg && <MessageItem m={rootMsg} conv={conv} onContext={() => undefined} onThread={() => undefined} />}
      <div className="messages" role="log" aria-label="Thread replies">
        {replies.map((m) => <MessageItem key={m.seq} m={m} conv={conv} onContext={() => undefined} onThread={() => undefined} />)}
      </div>
      <Composer conversationId={conversationId} context={{ kind: 'thread', message: rootMsg ?? null, rootId: root }} clearContext={() => undefined} sticky />
    </aside>
  );
}
