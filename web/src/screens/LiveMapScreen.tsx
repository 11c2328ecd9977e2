import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import L from 'leaflet';
import { useApp, useUsers } from '../app/context';
import { BaseMap } from '../components/BaseMap';
import type { Frame } from '../lib/socket';
import type { LiveLocation, LocationShare, Page, Place, SosAlert, User } from '../lib/types';

const STALE_TEXT: Record<string, string> = {
  no_updates: 'no updates lately',
  offline: 'their phone is offline',
  low_battery: 'battery low',
  sharing_paused: 'sharing paused',
};

function items<T>(r: Page<T> | T[]): T[] {
  return Array.isArray(r) ? r : r.items;
}

/** Live location: share mine, see friends (with stale reasons), places and alerts, SOS. */
export function LiveMapScreen() {
  const { api, socket, me } = useApp();
  const users = useUsers();
  const [live, setLive] = useState<Map<string, LiveLocation>>(new Map());
  const [shares, setShares] = useState<LocationShare[]>([]);
  const [places, setPlaces] = useState<Place[]>([]);
  const [friends, setFriends] = useState<User[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  const load = useCallback(() => {
    const fail = (e: Error & { status?: number }) => setError(e.status === 404 ? 'The location service is not available on this server.' : e.message);
    api.get<Page<LiveLocation> | LiveLocation[]>('/v1/location/live').then((r) => setLive(new Map(items(r).map((l) => [l.userId, l]))), fail);
    api.get<Page<LocationShare> | LocationShare[]>('/v1/location/shares').then((r) => setShares(items(r)), () => undefined);
    api.get<Page<Place> | Place[]>('/v1/places').then((r) => setPlaces(items(r)), () => undefined);
    api.get<Page<User>>('/v1/friends').then((p) => { p.items.forEach((u) => users.put(u)); setFriends(p.items); }, () => undefined);
  }, [api, users]);
  useEffect(load, [load]);

  useEffect(() => socket.onFrame((f: Frame) => {
    if (f.type === 'location' && f.userId) {
      setLive((m) => {
        const next = new Map(m);
        next.set(String(f.userId), { ...(f as unknown as LiveLocation), status: 'live', staleReason: undefined });
        return next;
      });
    }
    if (f.type === 'notification' && f.kind === 'location.stale' && f.userId) {
      setLive((m) => {
        const cur = m.get(String(f.userId));
        if (!cur) return m;
        const next = new Map(m);
        next.set(cur.userId, { ...cur, status: 'stale', staleReason: (f.reason ?? f.staleReason ?? 'no_updates') as LiveLocation['staleReason'] });
        return next;
      });
    }
  }), [socket]);

  // markers follow the data
  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    for (const p of places) {
      L.circle([p.lat, p.lon], { radius: p.radiusM, color: '#6b4fbb', weight: 1, fillOpacity: 0.08 }).bindTooltip(p.name).addTo(group);
    }
    for (const l of live.values()) {
      const name = users.name(l.userId);
      const icon = L.divIcon({ className: 'live-pin live-' + l.status, html: `<span>${escapeHtml(name.slice(0, 2))}</span>`, iconSize: [32, 32] });
      L.marker([l.lat, l.lon], { icon, title: name, keyboard: true, alt: name })
        .bindPopup(`${escapeHtml(name)}: ${l.status}${l.staleReason ? ' (' + STALE_TEXT[l.staleReason] + ')' : ''}`)
        .addTo(group);
      if (l.accuracyM) L.circle([l.lat, l.lon], { radius: l.accuracyM, weight: 0, fillOpacity: 0.1 }).addTo(group);
    }
  }, [live, places, users, users.version]);

  return (
    <div className="live-map">
      <h1>Map</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <p role="status" aria-live="polite">{status}</p>
      <SosButton setStatus={setStatus} />
      <div className="map-layout">
        <BaseMap label="Live locations map" onReady={(m) => { map.current = m; layer.current = L.layerGroup().addTo(m); }} />
        <aside>
          <section aria-labelledby="live-h">
            <h2 id="live-h">Sharing with me</h2>
            <ul className="user-list" data-testid="live-list">
              {[...live.values()].map((l) => (
                <li key={l.userId} data-status={l.status}>
                  <button onClick={() => map.current?.setView([l.lat, l.lon], 13)}>{users.name(l.userId)}</button>{' '}
                  <span className={'live-status s-' + l.status}>{l.status}{l.staleReason ? ': ' + STALE_TEXT[l.staleReason] : ''}</span>{' '}
                  <small>{l.precision} · {new Date(l.at).toLocaleTimeString()}</small>
                </li>
              ))}
              {live.size === 0 && <li className="muted">Nobody is sharing with you.</li>}
            </ul>
          </section>
          <ShareForm friends={friends} shares={shares.filter((s) => s.ownerId === me.id)} reload={load} setStatus={setStatus} />
          <Places places={places} friends={friends} reload={load} center={() => map.current?.getCenter()} setStatus={setStatus} />
          <SafetyContacts friends={friends} setStatus={setStatus} />
        </aside>
      </div>
    </div>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Sends my position: WebSocket frame when connected, else REST. */
function useSendPosition() {
  const { api, socket } = useApp();
  return useCallback((lat: number, lon: number, accuracyM?: number) => {
    const body = { lat, lon, accuracyM, at: new Date().toISOString() };
    if (!socket.signal({ type: 'location', ...body })) return api.post('/v1/location', body);
    return Promise.resolve();
  }, [api, socket]);
}

function ShareForm({ friends, shares, reload, setStatus }: { friends: User[]; shares: LocationShare[]; reload: () => void; setStatus: (s: string) => void }) {
  const { api } = useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  const [minutes, setMinutes] = useState(60);
  const [precision, setPrecision] = useState<'exact' | 'approximate'>('exact');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const send = useSendPosition();
  const watch = useRef<number | null>(null);

  useEffect(() => () => { if (watch.current !== null) navigator.geolocation?.clearWatch(watch.current); }, []);

  async function start(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post<LocationShare>('/v1/location/shares', { userIds: chosen, durationMinutes: minutes, precision });
      setStatus('Sharing started');
      if (navigator.geolocation && watch.current === null) {
        watch.current = navigator.geolocation.watchPosition(
          (p) => void send(p.coords.latitude, p.coords.longitude, p.coords.accuracy),
          () => setStatus('Sharing started; the browser gives no position: enter one below'),
          { enableHighAccuracy: precision === 'exact' },
        );
      }
      reload();
    } catch (err) {
      setStatus(err instanceof Error ? err.message : 'failed');
    }
  }

  return (
    <section aria-labelledby="share-h">
      <h2 id="share-h">Share my location</h2>
      <form onSubmit={start} aria-label="Share my location">
        <fieldset>
          <legend>With</legend>
          {friends.map((f) => (
            <label key={f.id} className="check">
              <input type="checkbox" checked={chosen.includes(f.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, f.id] : c.filter((x) => x !== f.id)))} />
              {f.displayName || '@' + f.handle}
            </label>
          ))}
          {friends.length === 0 && <p className="muted">Add friends first.</p>}
        </fieldset>
        <label>
          For
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {[15, 30, 60, 120, 240, 480].map((m) => <option key={m} value={m}>{m < 60 ? m + ' minutes' : m === 60 ? '1 hour' : m / 60 + ' hours'}</option>)}
          </select>
        </label>
        <label>
          Precision
          <select value={precision} onChange={(e) => setPrecision(e.target.value as 'exact' | 'approximate')}>
            <option value="exact">Exact</option>
            <option value="approximate">Approximate (about 1 km)</option>
          </select>
        </label>
        <button type="submit" disabled={chosen.length === 0}>Start sharing</button>
      </form>
      {shares.length > 0 && (
        <ul className="user-list" aria-label="My shares">
          {shares.map((s) => (
            <li key={s.id}>
              <span>{(s.audience.userIds ?? []).length} people · {s.precision} · until {new Date(s.expiresAt).toLocaleTimeString()}</span>
              <button onClick={() => api.patch('/v1/location/shares/' + s.id, { durationMinutes: 60 }).then(reload, () => undefined)}>+1 h</button>
              <button onClick={() => api.del('/v1/location/shares/' + s.id).then(reload, () => undefined)}>Stop</button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" aria-label="Send a position" onSubmit={(e) => {
        e.preventDefault();
        send(Number(lat), Number(lon)).then(() => setStatus('Position sent'), (err: Error) => setStatus(err.message));
      }}>
        <label>Latitude <input inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} required /></label>
        <label>Longitude <input inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} required /></label>
        <button type="submit">Send position</button>
      </form>
    </section>
  );
}

function Places({ places, friends, reload, center, setStatus }: {
  places: Place[]; friends: User[]; reload: () => void; center: () => L.LatLng | undefined; setStatus: (s: string) => void;
}) {
  const { api } = useApp();
  const [name, setName] = useState('');
  const [radius, setRadius] = useState(200);
  async function add(e: FormEvent) {
    e.preventDefault();
    const c = center();
    if (!c) return;
    await api.post('/v1/places', { name, lat: c.lat, lon: c.lng, radiusM: radius }).then(() => { setName(''); reload(); }, (err: Error) => setStatus(err.message));
  }
  return (
    <section aria-labelledby="places-h">
      <h2 id="places-h">Places</h2>
      <ul className="user-list">
        {places.map((p) => (
          <li key={p.id}>
            <span>{p.name} ({p.radiusM} m)</span>
            <button onClick={() => api.put(`/v1/places/${p.id}/watch`, { userIds: friends.map((f) => f.id) }).then(() => setStatus('Alerts on for ' + p.name), (e: Error) => setStatus(e.message))}>Alert me</button>
            <button onClick={() => api.del('/v1/places/' + p.id).then(reload, () => undefined)}>Delete</button>
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={add} aria-label="Add a place at the map's centre">
        <label>Name <input value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label>Radius (m) <input type="number" min={50} max={5000} value={radius} onChange={(e) => setRadius(Number(e.target.value))} /></label>
        <button type="submit">Add place at map centre</button>
      </form>
    </section>
  );
}

function SafetyContacts({ friends, setStatus }: { friends: User[]; setStatus: (s: string) => void }) {
  const { api } = useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <section aria-labelledby="contacts-h">
      <h2 id="contacts-h">Safety contacts</h2>
      <form onSubmit={(e) => {
        e.preventDefault();
        api.put('/v1/safety/contacts', { userIds: chosen }).then(() => setStatus('Safety contacts saved'), (err: Error) => setStatus(err.message));
      }} aria-label="Safety contacts">
        {friends.map((f) => (
          <label key={f.id} className="check">
            <input type="checkbox" checked={chosen.includes(f.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, f.id] : c.filter((x) => x !== f.id)))} />
            {f.displayName || '@' + f.handle}
          </label>
        ))}
        <button type="submit">Save contacts</button>
      </form>
    </section>
  );
}

/** The SOS button asks first (a dialog with a real confirm), then sends with the position if the browser has one. */
function SosButton({ setStatus }: { setStatus: (s: string) => void }) {
  const { api } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  const [alert, setAlert] = useState<SosAlert | null>(null);
  async function send() {
    dialog.current?.close();
    const pos = await new Promise<GeolocationPosition | null>((resolve) => {
      if (!navigator.geolocation) return resolve(null);
      navigator.geolocation.getCurrentPosition(resolve, () => resolve(null), { timeout: 3000 });
    });
    try {
      const a = await api.post<SosAlert>('/v1/safety/sos', pos ? { lat: pos.coords.latitude, lon: pos.coords.longitude } : {});
      setAlert(a);
      setStatus('SOS sent to your safety contacts');
    } catch (err) {
      setStatus(err instanceof Error ? 'SOS failed: ' + err.message : 'SOS failed');
    }
  }
  return (
    <div className="sos">
      {alert ? (
        <p role="alert">SOS active since {new Date(alert.startedAt).toLocaleTimeString()}{' '}
          <button onClick={() => api.post(`/v1/safety/alerts/${alert.id}/resolve`).then(() => { setAlert(null); setStatus('SOS resolved'); }, () => undefined)}>I'm safe (resolve)</button>
        </p>
      ) : (
        <button className="sos-button" onClick={() => dialog.current?.showModal()}>SOS</button>
      )}
      <dialog ref={dialog} aria-labelledby="sos-confirm-h">
        <h2 id="sos-confirm-h">Send an SOS?</h2>
        <p>Your safety contacts get an alert with your position, and an exact live share with them starts.</p>
        <div className="row">
          <button className="sos-button" onClick={() => void send()}>Send SOS</button>
          <button onClick={() => dialog.current?.close()} autoFocus>Cancel</button>
        </div>
      </dialog>
    </div>
  );
}
