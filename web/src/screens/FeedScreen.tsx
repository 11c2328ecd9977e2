import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useApp, useUsers } from '../app/context';
import { MediaView } from '../components/MediaView';
import { ReactionBar } from '../components/ReactionBar';
import { Uploader } from '../components/Uploader';
import type { Comment, Group, Media, Page, Post } from '../lib/types';

/** The feed: write a post (text, photos/videos, visibility, optional place), read posts, react, comment. */
export function FeedScreen({ groupId }: { groupId?: string }) {
  const { api } = useApp();
  const [posts, setPosts] = useState<Post[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = groupId ? `/v1/groups/${groupId}/posts` : '/v1/feed';

  const load = useCallback(async (more?: string) => {
    try {
      const p = await api.get<Page<Post>>(path + '?limit=20' + (more ? '&cursor=' + encodeURIComponent(more) : ''));
      setPosts((x) => (more ? [...x, ...p.items] : p.items));
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'failed');
    }
  }, [api, path]);

  useEffect(() => {
    void load();
  }, [load]);

  const replace = (p: Post) => setPosts((x) => x.map((y) => (y.id === p.id ? p : y)));
  return (
    <div className="feed">
      {!groupId && <h1>Feed</h1>}
      <NewPost groupId={groupId} onPosted={(p) => setPosts((x) => [p, ...x])} />
      <button onClick={() => void load()}>Refresh</button>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="posts">
        {posts.map((p) => <PostCard key={p.id} post={p} onChange={replace} onDelete={() => setPosts((x) => x.filter((y) => y.id !== p.id))} />)}
        {posts.length === 0 && <p className="muted">Nothing here yet.</p>}
      </div>
      {cursor && <button onClick={() => void load(cursor)}>Older posts</button>}
    </div>
  );
}

function NewPost({ groupId, onPosted }: { groupId?: string; onPosted: (p: Post) => void }) {
  const { api } = useApp();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState(groupId ? 'group' : 'friends');
  const [media, setMedia] = useState<Media[]>([]);
  const [place, setPlace] = useState<{ lat: number; lon: number } | null>(null);
  const [groups, setGroups] = useState<Group[]>([]);
  const [group, setGroup] = useState(groupId ?? '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<Page<Group>>('/v1/groups').then((p) => setGroups(p.items), () => undefined);
  }, [api]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const post = await api.post<Post>('/v1/posts', {
        text, visibility, groupId: visibility === 'group' ? group : undefined, mediaIds: media.map((m) => m.id),
        location: place ?? undefined,
      });
      onPosted(post);
      setText('');
      setMedia([]);
      setPlace(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'failed');
    }
  }

  function locate() {
    navigator.geolocation?.getCurrentPosition((p) => setPlace({ lat: p.coords.latitude, lon: p.coords.longitude }), () => setError('Location not available'));
  }

  return (
    <form className="card new-post" onSubmit={submit} aria-label="New post">
      <label>
        What's new?
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
      </label>
      <div className="row">
        <label>
          Who sees it
          <select value={visibility} onChange={(e) => setVisibility(e.target.value)}>
            <option value="public">Everyone</option>
            <option value="friends">Friends</option>
            <option value="private">Only me</option>
            <option value="group">A group</option>
          </select>
        </label>
        {visibility === 'group' && (
          <label>
            Group
            <select value={group} onChange={(e) => setGroup(e.target.value)} required>
              <option value="">Choose…</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
          </label>
        )}
        <Uploader onUploaded={(m) => setMedia((x) => [...x, m])} label="Add photo or video" />
        <button type="button" onClick={locate} aria-pressed={!!place}>{place ? 'Location added' : 'Add my location'}</button>
      </div>
      {media.length > 0 && <p data-testid="attached">{media.length} attached</p>}
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" disabled={!text.trim() && media.length === 0}>Post</button>
    </form>
  );
}

function PostCard({ post, onChange, onDelete }: { post: Post; onChange: (p: Post) => void; onDelete: () => void }) {
  const { api, me } = useApp();
  const users = useUsers();
  const [open, setOpen] = useState(false);

  async function react(emoji: string, on: boolean) {
    const path = `/v1/posts/${post.id}/reactions/${encodeURIComponent(emoji)}`;
    await (on ? api.put(path) : api.del(path)).catch(() => undefined);
    onChange(await api.get<Post>('/v1/posts/' + post.id));
  }

  return (
    <article className="card post" aria-label={'Post by ' + users.name(post.authorId)} data-testid="post">
      <header>
        <strong>{users.name(post.authorId)}</strong> <small>{post.visibility} · <time dateTime={post.createdAt}>{new Date(post.createdAt).toLocaleString()}</time></small>
        {post.location && <small> · 📍 {post.location.name ?? `${post.location.lat.toFixed(2)}, ${post.location.lon.toFixed(2)}`}</small>}
      </header>
      <p className="text">{post.text}</p>
      {post.mediaIds.length > 0 && <div className="attachments">{post.mediaIds.map((id) => <MediaView key={id} id={id} />)}</div>}
      <footer>
        <ReactionBar reactions={post.reactions} onToggle={(e, on) => void react(e, on)} />
        <button aria-expanded={open} onClick={() => setOpen(!open)}>Comments ({post.commentCount})</button>
        {post.authorId === me.id && (
          <button onClick={() => window.confirm('Delete this post?') && api.del('/v1/posts/' + post.id).then(onDelete, () => undefined)}>Delete</button>
        )}
      </footer>
      {open && <Comments postId={post.id} />}
    </article>
  );
}

function Comments({ postId }: { postId: string }) {
  const { api } = useApp();
  const [items, setItems] = useState<Comment[]>([]);
  const load = useCallback(() => {
    api.get<Page<Comment>>(`/v1/posts/${postId}/comments?depth=3`).then((p) => setItems(p.items), () => undefined);
  }, [api, postId]);
  useEffect(load, [load]);
  return (
    <section className="comments" aria-label="Comments">
      <CommentForm postId={postId} onDone={load} />
      <ul>{items.map((c) => <CommentItem key={c.id} c={c} postId={postId} reload={load} />)}</ul>
    </section>
  );
}

function CommentForm({ postId, parentId, onDone }: { postId: string; parentId?: string; onDone: () => void }) {
  const { api } = useApp();
  const [text, setText] = useState('');
  return (
    <form className="row" aria-label={parentId ? 'Reply' : 'Comment'} onSubmit={(e) => {
      e.preventDefault();
      if (!text.trim()) return;
      api.post(`/v1/posts/${postId}/comments`, { text, parentId }).then(() => { setText(''); onDone(); }, () => undefined);
    }}>
      <input aria-label={parentId ? 'Reply' : 'Write a comment'} value={text} onChange={(e) => setText(e.target.value)} placeholder={parentId ? 'Reply…' : 'Write a comment…'} />
      <button type="submit">{parentId ? 'Reply' : 'Comment'}</button>
    </form>
  );
}

function CommentItem({ c, postId, reload }: { c: Comment; postId: string; reload: () => void }) {
  const { api, me } = useApp();
  const users = useUsers();
  const [replying, setReplying] = useState(false);
  const [more, setMore] = useState<Comment[] | null>(null);
  const replies = more ?? c.replies?.items ?? [];
  const hidden = c.replyCount - replies.length;
  async function react(emoji: string, on: boolean) {
    const path = `/v1/comments/${c.id}/reactions/${encodeURIComponent(emoji)}`;
    await (on ? api.put(path) : api.del(path)).catch(() => undefined);
    reload();
  }
  return (
    <li className="comment" style={{ marginInlineStart: Math.min(c.depth, 6) * 12 }}>
      {c.deleted ? <p className="muted">Comment deleted</p> : (
        <>
          <p><strong>{users.name(c.authorId)}</strong> {c.text}</p>
          <div className="row small">
            <ReactionBar reactions={c.reactions} onToggle={(e, on) => void react(e, on)} />
            <button onClick={() => setReplying(!replying)} aria-expanded={replying}>Reply</button>
            {c.authorId === me.id && <button onClick={() => api.del('/v1/comments/' + c.id).then(reload, () => undefined)}>Delete</button>}
          </div>
        </>
      )}
      {replying && <CommentForm postId={postId} parentId={c.id} onDone={() => { setReplying(false); reload(); }} />}
      {replies.length > 0 && <ul>{replies.map((r) => <CommentItem key={r.id} c={r} postId={postId} reload={reload} />)}</ul>}
      {hidden > 0 && (
        <button onClick={() => api.get<Page<Comment>>(`/v1/posts/${postId}/comments?parentId=${c.id}&depth=2`).then((p) => setMore(p.items), () => undefined)}>
          Show {hidden} more {hidden === 1 ? 'reply' : 'replies'}
        </button>
      )}
    </li>
  );
}
