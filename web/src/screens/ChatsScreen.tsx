import { useState, type FormEvent } from 'react';
import { useApp, useStore, useUsers } from '../app/context';
import { go } from '../lib/route';
import { ApiError, type Conversation, type ConversationKind, type Page, type User } from '../lib/types';
import { ConversationView } from './ConversationView';

/** The conversation list and the open conversation (side by side; one at a time on a phone). */
export function ChatsScreen({ conversationId }: { conversationId?: string }) {
  const store = useStore();
  const users = useUsers();
  const { me } = useApp();
  const list = [...store.conversations.values()].sort((a, b) =>
    (b.lastMessage?.createdAt ?? b.createdAt).localeCompare(a.lastMessage?.createdAt ?? a.createdAt));

  return (
    <div className={'chats' + (conversationId ? ' has-open' : '')}>
      <section className="conv-list" aria-label="Conversations">
        <h1>Chats</h1>
        <NewConversation />
        <ul>
          {list.map((c) => {
            const unread = store.unread.get(c.id) ?? 0;
            return (
              <li key={c.id}>
                <a href={'#/chats/' + c.id} aria-current={c.id === conversationId ? 'page' : undefined}>
                  <span className="kind">{c.kind}</span> {title(c, me.id, users)}
                  {unread > 0 && <span className="badge" aria-label={unread + ' unread'}>{unread}</span>}
                  {c.lastMessage && <small className="preview">{c.lastMessage.deleted ? 'deleted' : c.lastMessage.text}</small>}
                </a>
              </li>
            );
          })}
          {list.length === 0 && <li className="muted">No conversations yet.</li>}
        </ul>
      </section>
      {conversationId ? <ConversationView key={conversationId} id={conversationId} /> : <p className="muted pane">Pick a conversation.</p>}
    </div>
  );
}

export function title(c: Conversation, me: string, users: { name(id: string): string }): string {
  if (c.title) return c.title;
  if (c.kind === 'direct') {
    const other = c.memberIds.find((m) => m !== me);
    return other ? users.name(other) : 'Direct';
  }
  return c.kind;
}

async function userByHandle(api: ReturnType<typeof useApp>['api'], handle: string): Promise<User> {
  const h = handle.trim().replace(/^@/, '').toLowerCase();
  const page = await api.get<Page<User>>('/v1/users?q=' + encodeURIComponent(h));
  const u = page.items.find((x) => x.handle.toLowerCase() === h);
  if (!u) throw new ApiError(404, 'not_found', 'No user @' + h);
  return u;
}

function NewConversation() {
  const { api, store } = useApp();
  const [kind, setKind] = useState<ConversationKind>('direct');
  const [who, setWho] = useState('');
  const [name, setName] = useState('');
  const [groupId, setGroupId] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      let body: Record<string, unknown>;
      const handles = who.split(/[ ,]+/).filter(Boolean);
      if (kind === 'direct') body = { kind, userId: (await userByHandle(api, handles[0] ?? '')).id };
      else if (kind === 'channel') body = { kind, groupId: groupId.trim(), title: name };
      else body = { kind, title: name, memberIds: await Promise.all(handles.map((h) => userByHandle(api, h).then((u) => u.id))) };
      const c = await api.post<Conversation>('/v1/conversations', body);
      store.upsertConversation(c);
      setWho('');
      setName('');
      go('chats', c.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'failed');
    }
  }

  return (
    <details className="new-conv">
      <summary>New conversation</summary>
      <form onSubmit={create} aria-label="New conversation">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as ConversationKind)}>
            <option value="direct">Direct message</option>
            <option value="group">Group chat</option>
            <option value="channel">Channel of a group</option>
            <option value="canvas">Canvas</option>
          </select>
        </label>
        {kind !== 'direct' && (
          <label>
            Title
            <input value={name} onChange={(e) => setName(e.target.value)} required={kind !== 'canvas'} />
          </label>
        )}
        {kind === 'channel' ? (
          <label>
            Group id
            <input value={groupId} onChange={(e) => setGroupId(e.target.value)} required />
          </label>
        ) : (
          <label>
            {kind === 'direct' ? 'With (handle)' : 'Members (handles, comma separated)'}
            <input value={who} onChange={(e) => setWho(e.target.value)} required={kind === 'direct'} />
          </label>
        )}
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit">Start</button>
      </form>
    </details>
  );
}
