import { useState, type FormEvent } from 'react';
import { useApp } from '../app/context';
import { setTileUrl, tileUrl } from '../lib/config';
import type { User } from '../lib/types';

/** Profile, presence, map tiles, sign out (here or everywhere). */
export function SettingsScreen() {
  const { api, me, users, socket, signOut } = useApp();
  const [displayName, setDisplayName] = useState(me.displayName ?? '');
  const [bio, setBio] = useState(me.bio ?? '');
  const [tiles, setTiles] = useState(tileUrl() ?? '');
  const [status, setStatus] = useState('');

  async function save(e: FormEvent) {
    e.preventDefault();
    const u = await api.patch<User>('/v1/users/me', { displayName, bio }).catch((err: Error) => { setStatus(err.message); return null; });
    if (u) {
      users.put(u);
      setStatus('Saved');
    }
  }

  return (
    <div className="settings">
      <h1>Settings</h1>
      <p role="status" aria-live="polite">{status}</p>
      <form className="card" onSubmit={save} aria-label="Profile">
        <h2>Profile</h2>
        <label>Display name <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} /></label>
        <label>Bio <textarea value={bio} onChange={(e) => setBio(e.target.value)} /></label>
        <button type="submit">Save</button>
      </form>
      <section className="card" aria-labelledby="presence-h">
        <h2 id="presence-h">Presence</h2>
        <div className="row">
          {(['online', 'away', 'dnd', 'invisible'] as const).map((s) => (
            <button key={s} onClick={() => socket.request({ type: 'presence', status: s }).then(() => setStatus('Presence: ' + s), () => setStatus('Not connected'))}>{s}</button>
          ))}
        </div>
      </section>
      <form className="card" aria-label="Map tiles" onSubmit={(e) => { e.preventDefault(); setTileUrl(tiles.trim() || null); setStatus('Map tiles saved'); }}>
        <h2>Map tiles</h2>
        <label>
          Tile URL (empty: the built-in offline world map)
          <input value={tiles} onChange={(e) => setTiles(e.target.value)} placeholder="https://tiles.example.org/{z}/{x}/{y}.png" />
        </label>
        <button type="submit">Save</button>
      </form>
      <section className="card" aria-labelledby="out-h">
        <h2 id="out-h">Sign out</h2>
        <div className="row">
          <button onClick={() => void signOut(false)}>Log out</button>
          <button onClick={() => window.confirm('Log out on every device?') && void signOut(true)}>Log out everywhere</button>
        </div>
      </section>
    </div>
  );
}
