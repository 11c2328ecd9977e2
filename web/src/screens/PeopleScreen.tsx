import { useCallback, useEffect, useState } from 'react';
import { useApp, useStore } from '../app/context';
import { go } from '../lib/route';
import type { Conversation, FriendRequest, Page, User } from '../lib/types';

/** Find people; friend requests in and out; friends; blocks. */
export function PeopleScreen() {
  const { api, me, users, store } = useApp();
  const chat = useStore();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<User[]>([]);
  const [incoming, setIncoming] = useState<FriendRequest[]>([]);
  const [outgoing, setOutgoing] = useState<FriendRequest[]>([]);
  const [friends, setFriends] = useState<User[]>([]);
  const [blocked, setBlocked] = useState<User[]>([]);
  const [status, setStatus] = useState('');

  const reload = useCallback(() => {
    api.get<Page<FriendRequest>>('/v1/friends/requests?direction=incoming').then((p) => setIncoming(p.items), () => undefined);
    api.get<Page<FriendRequest>>('/v1/friends/requests?direction=outgoing').then((p) => setOutgoing(p.items), () => undefined);
    api.get<Page<User>>('/v1/friends').then((p) => { p.items.forEach((u) => users.put(u)); setFriends(p.items); }, () => undefined);
    api.get<Page<User | { user: User }>>('/v1/blocks').then((p) => setBlocked(p.items.map((x) => ('user' in x && x.user ? x.user : x) as User)), () => undefined);
  }, [api, users]);

  useEffect(reload, [reload]);

  useEffect(() => {
    const h = q.trim().replace(/^@/, '');
    if (!h) {
      setFound([]);
      return;
    }
    const t = setTimeout(() => {
      api.get<Page<User>>('/v1/users?q=' + encodeURIComponent(h)).then((p) => setFound(p.items.filter((u) => u.id !== me.id)), () => setFound([]));
    }, 250);
    return () => clearTimeout(t);
  }, [api, q, me.id]);

  const act = (p: Promise<unknown>, done: string) => p.then(() => { setStatus(done); reload(); }, (e: Error) => setStatus(e.message));
  const isFriend = (id: string) => friends.some((f) => f.id === id);
  const requested = (id: string) => outgoing.some((r) => r.toUserId === id);

  async function message(u: User) {
    const c = await api.post<Conversation>('/v1/conversations', { kind: 'direct', userId: u.id });
    store.upsertConversation(c);
    go('chats', c.id);
  }

  const name = (u: User) => (u.displayName ? `${u.displayName} (@${u.handle})` : '@' + u.handle);
  return (
    <div className="people">
      <h1>People</h1>
      <p role="status" aria-live="polite" className="muted">{status}</p>
      <section aria-labelledby="find-h">
        <h2 id="find-h">Find people</h2>
        <label>
          Search by handle
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="handle" />
        </label>
        <ul className="user-list">
          {found.map((u) => (
            <li key={u.id}>
              <span>{name(u)}</span>
              {isFriend(u.id) ? <span className="muted">friend</span> : requested(u.id) ? <span className="muted">requested</span> : (
                <button onClick={() => act(api.post('/v1/friends/requests', { userId: u.id }), 'Request sent to @' + u.handle)}>Add friend</button>
              )}
              <button onClick={() => void message(u)}>Message</button>
              <button onClick={() => window.confirm('Block @' + u.handle + '?') && act(api.post('/v1/blocks', { userId: u.id }), 'Blocked @' + u.handle)}>Block</button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="in-h">
        <h2 id="in-h">Friend requests</h2>
        <ul className="user-list">
          {incoming.map((r) => (
            <li key={r.id}>
              <span>{r.user ? name(r.user) : r.fromUserId}</span>
              <button onClick={() => act(api.post(`/v1/friends/requests/${r.id}/accept`), 'Accepted')}>Accept</button>
              <button onClick={() => act(api.post(`/v1/friends/requests/${r.id}/decline`), 'Declined')}>Decline</button>
            </li>
          ))}
          {incoming.length === 0 && <li className="muted">None.</li>}
        </ul>
        {outgoing.length > 0 && (
          <>
            <h3>Sent</h3>
            <ul className="user-list">
              {outgoing.map((r) => (
                <li key={r.id}>
                  <span>{r.user ? name(r.user) : r.toUserId}</span>
                  <button onClick={() => act(api.del(`/v1/friends/requests/${r.id}`), 'Cancelled')}>Cancel</button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="friends-h">
        <h2 id="friends-h">Friends</h2>
        <ul className="user-list">
          {friends.map((u) => (
            <li key={u.id}>
              <span className={'presence p-' + (chat.presence.get(u.id) ?? 'offline')} aria-label={chat.presence.get(u.id) ?? 'offline'} />
              <span>{name(u)}</span>
              <button onClick={() => void message(u)}>Message</button>
              <button onClick={() => window.confirm('Remove @' + u.handle + ' as a friend?') && act(api.del('/v1/friends/' + u.id), 'Removed')}>Unfriend</button>
            </li>
          ))}
          {friends.length === 0 && <li className="muted">No friends yet: search above.</li>}
        </ul>
      </section>
      <section aria-labelledby="blocks-h">
        <h2 id="blocks-h">Blocked</h2>
        <ul className="user-list">
          {blocked.map((u) => (
            <li key={u.id}>
              <span>{name(u)}</span>
              <button onClick={() => act(api.del('/v1/blocks/' + u.id), 'Unblocked')}>Unblock</button>
            </li>
          ))}
          {blocked.length === 0 && <li className="muted">Nobody.</li>}
        </ul>
      </section>
    </div>
  );
}
