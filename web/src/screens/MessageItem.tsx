import { useApp, useStore, useUsers } from '../app/context';
import { Markdown } from '../components/Markdown';
import { MediaView } from '../components/MediaView';
import { ReactionBar } from '../components/ReactionBar';
import { afterOwnReaction } from '../lib/chat';
import type { Conversation, Message } from '../lib/types';
import type { ComposeContext } from './Composer';

/** One message with its reply/quote/forward context, attachments, reactions and actions. */
export function MessageItem({ m, conv, onContext, onThread, seenBy, canvas = false }: {
  m: Message; conv: Conversation; onContext: (c: ComposeContext) => void; onThread: (rootId: string) => void;
  seenBy?: string[]; canvas?: boolean;
}) {
  const { api, me } = useApp();
  const store = useStore();
  const users = useUsers();
  const mine = m.senderId === me.id;
  const log = store.log(conv.id);
  const replyTo = m.replyToId ? log.byId(m.replyToId) : undefined;
  const quote = m.quoteOfId ? log.byId(m.quoteOfId) : undefined;
  const base = `/v1/conversations/${conv.id}/messages/${m.id}`;
  const style = canvas && m.position ? { left: `${m.position.x * 100}%`, top: `${m.position.y * 100}%` } : undefined;

  async function react(emoji: string, on: boolean) {
    const path = `${base}/reactions/${encodeURIComponent(emoji)}`;
    const countBefore = (store.log(conv.id).get(m.seq) ?? m).reactions?.counts?.[emoji] ?? 0;
    try {
      await (on ? api.put(path) : api.del(path));
    } catch {
      return;
    }
    store.applyMessage(afterOwnReaction(store.log(conv.id).get(m.seq) ?? m, emoji, on, countBefore));
  }

  async function remove() {
    if (!window.confirm('Delete this message for everyone?')) return;
    const r = await api.del<Message | undefined>(base).catch(() => undefined);
    if (r && typeof r === 'object' && 'seq' in r) store.applyMessage(r);
  }

  return (
    <article className={'msg' + (mine ? ' mine' : '') + (m.deleted ? ' deleted' : '') + (canvas ? ' note' : '')} style={style}
      aria-label={`${users.name(m.senderId)}: ${m.deleted ? 'deleted message' : m.text ?? ''}`} data-seq={m.seq} data-testid="message">
      <header>
        <strong>{users.name(m.senderId)}</strong>{' '}
        <time dateTime={m.createdAt}>{new Date(m.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
        {m.editedAt && !m.deleted && <small> (edited)</small>}
      </header>
      {replyTo && <blockquote className="reply-to">↩ {users.name(replyTo.senderId)}: {replyTo.deleted ? 'deleted' : replyTo.text}</blockquote>}
      {quote && <blockquote className="quote">“{quote.deleted ? 'deleted' : quote.text}” — {users.name(quote.senderId)}</blockquote>}
      {m.forward && <blockquote className="quote">Forwarded from {users.name(m.forward.senderId)}: {m.forward.text}</blockquote>}
      {m.deleted ? <p className="muted">Message deleted</p> : m.format === 'markdown' ? <Markdown text={m.text ?? ''} /> : <p className="text">{m.text}</p>}
      {!m.deleted && m.mediaIds.length > 0 && <div className="attachments">{m.mediaIds.map((id) => <MediaView key={id} id={id} />)}</div>}
      {!m.deleted && (
        <footer>
          <ReactionBar reactions={m.reactions} onToggle={(e, on) => void react(e, on)} />
          <div className="actions" role="group" aria-label="Message actions">
            <button onClick={() => onContext({ kind: 'reply', message: m })}>Reply</button>
            <button onClick={() => onContext({ kind: 'quote', message: m })}>Quote</button>
            {!m.threadRootId && <button onClick={() => onThread(m.id)}>Thread{m.threadReplyCount ? ` (${m.threadReplyCount})` : ''}</button>}
            {mine && <button onClick={() => onContext({ kind: 'edit', message: m })}>Edit</button>}
            {mine && <button onClick={() => void remove()}>Delete</button>}
          </div>
        </footer>
      )}
      {seenBy && seenBy.length > 0 && <small className="receipt" data-testid="receipt">Seen by {seenBy.map((u) => users.name(u)).join(', ')}</small>}
    </article>
  );
}
