import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useApp, useUsers } from '../app/context';
import { go } from '../lib/route';
import type { Conversation, Group, Page, User } from '../lib/types';
import { FeedScreen } from './FeedScreen';

interface Member {
  userId: string;
  role: string;
  user?: User;
}

/** My groups, creating and joining; one group's members, posts and channels. */
export function GroupsScreen({ groupId }: { groupId?: string }) {
  const { api } = useApp();
  const [groups, setGroups] = useState<Group[]>([]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [joinId, setJoinId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => { api.get<Page<Group>>('/v1/groups').then((p) => setGroups(p.items), () => undefined); }, [api]);
  useEffect(load, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      const g = await api.post<Group>('/v1/groups', { name, description: description || undefined, visibility });
      setName('');
      setDescription('');
      load();
      go('groups', g.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'failed');
    }
  }

  async function join(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post(`/v1/groups/${joinId.trim()}/join`);
      load();
      go('groups', joinId.trim());
    } catch (err) {
      setError(err instanceof Error ? err.message : 'failed');
    }
  }

  if (groupId) return <GroupView id={groupId} />;
  return (
    <div className="groups">
      <h1>Groups</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <ul className="user-list">
        {groups.map((g) => (
          <li key={g.id}><a href={'#/groups/' + g.id}>{g.name}</a> <small className="muted">{g.visibility} · {g.memberCount} members · {g.myRole}</small></li>
        ))}
        {groups.length === 0 && <li className="muted">You are in no group yet.</li>}
      </ul>
      <form className="card" onSubmit={create} aria-label="Create a group">
        <h2>Create a group</h2>
        <label>Name <input value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label>Description <input value={description} onChange={(e) => setDescription(e.target.value)} /></label>
        <label>
          Visibility
          <select value={visibility} onChange={(e) => setVisibility(e.target.value as 'public' | 'private')}>
            <option value="public">Public: anyone can join</option>
            <option value="private">Private: members add people</option>
          </select>
        </label>
        <button type="submit">Create</button>
      </form>
      <form className="card" onSubmit={join} aria-label="Join a public group">
        <h2>Join a public group</h2>
        <label>Group id <input value={joinId} onChange={(e) => setJoinId(e.target.value)} required /></label>
        <button type="submit">Join</button>
      </form>
    </div>
  );
}

function GroupView({ id }: { id: string }) {
  const { api, me, store } = useApp();
  const users = useUsers();
  const [group, setGroup] = useState<Group | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [handle, setHandle] = useState('');
  const [channel, setChannel] = useState('');
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    api.get<Group>('/v1/groups/' + id).then(setGroup, (e: Error) => setStatus(e.message));
    api.get<Page<Member>>(`/v1/groups/${id}/members`).then((p) => { p.items.forEach((m) => m.user && users.put(m.user)); setMembers(p.items); }, () => undefined);
  }, [api, id, users]);
  useEffect(load, [load]);
  const admin = group?.myRole === 'owner' || group?.myRole === 'admin';

  async function add(e: FormEvent) {
    e.preventDefault();
    const page = await api.get<Page<User>>('/v1/users?q=' + encodeURIComponent(handle.replace(/^@/, '')));
    const u = page.items.find((x) => x.handle.toLowerCase() === handle.replace(/^@/, '').toLowerCase());
    if (!u) return setStatus('No such user');
    await api.post(`/v1/groups/${id}/members`, { userId: u.id }).then(() => { setHandle(''); load(); }, (err: Error) => setStatus(err.message));
  }

  async function newChannel(e: FormEvent) {
    e.preventDefault();
    const c = await api.post<Conversation>('/v1/conversations', { kind: 'channel', groupId: id, title: channel });
    store.upsertConversation(c);
    go('chats', c.id);
  }

  if (!group) return <p role="status">{status || 'Loading…'}</p>;
  return (
    <div className="group">
      <a href="#/groups">← Groups</a>
      <h1>{group.name}</h1>
      <p className="muted">{group.description} · {group.visibility} · id <code>{group.id}</code></p>
      <p role="status" aria-live="polite">{status}</p>
      <section aria-labelledby="members-h">
        <h2 id="members-h">Members ({members.length})</h2>
        <ul className="user-list">
          {members.map((m) => (
            <li key={m.userId}>
              <span>{users.name(m.userId)}</span> <small>{m.role}</small>
              {admin && m.userId !== me.id && m.role !== 'owner' && (
                <>
                  <button onClick={() => api.patch(`/v1/groups/${id}/members/${m.userId}`, { role: m.role === 'admin' ? 'member' : 'admin' }).then(load, () => undefined)}>
                    {m.role === 'admin' ? 'Make member' : 'Make admin'}
                  </button>
                  <button onClick={() => api.del(`/v1/groups/${id}/members/${m.userId}`).then(load, () => undefined)}>Remove</button>
                </>
              )}
            </li>
          ))}
        </ul>
        {admin && (
          <form className="row" onSubmit={add} aria-label="Add a member">
            <input aria-label="Handle to add" value={handle} onChange={(e) => setHandle(e.target.value)} placeholder="handle" />
            <button type="submit">Add</button>
          </form>
        )}
        <button onClick={() => api.del(`/v1/groups/${id}/members/${me.id}`).then(() => go('groups'), () => undefined)}>Leave group</button>
      </section>
      <form className="row" onSubmit={newChannel} aria-label="New channel">
        <input aria-label="Channel title" value={channel} onChange={(e) => setChannel(e.target.value)} placeholder="channel title" required />
        <button type="submit">Open channel</button>
      </form>
      <h2>Posts</h2>
      <FeedScreen groupId={id} />
    </div>
  );
}
