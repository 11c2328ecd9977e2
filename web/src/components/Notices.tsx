import { useEffect, useState } from 'react';
import { useApp, useUsers, type Notice } from '../app/context';

/** Notifications from the socket; SOS alerts as an alert dialog with acknowledge. */
export function Notices() {
  const { notices, dismiss } = useApp();
  const sos = notices.filter((n) => n.frame.kind === 'sos' || n.frame.kind === 'sos.escalated');
  const rest = notices.filter((n) => !sos.includes(n));
  // ordinary notices fade after 8 s; SOS stays until closed
  useEffect(() => {
    if (rest.length === 0) return;
    const t = setTimeout(() => dismiss(rest[0].key), Math.max(0, rest[0].at + 8000 - Date.now()));
    return () => clearTimeout(t);
  }, [rest, dismiss]);
  return (
    <>
      {sos.map((n) => <SosAlert key={n.key} notice={n} onClose={() => dismiss(n.key)} />)}
      <section className="notices" aria-label="Notifications" aria-live="polite">
        {rest.slice(-4).map((n) => (
          <div key={n.key} className="notice" data-kind={String(n.frame.kind)}>
            <span>{describe(n)}</span>
            <button aria-label="Dismiss notification" onClick={() => dismiss(n.key)}>×</button>
          </div>
        ))}
      </section>
    </>
  );
}

function describe(n: Notice): string {
  const k = String(n.frame.kind);
  const texts: Record<string, string> = {
    'friend.requested': 'New friend request',
    'friend.accepted': 'Friend request accepted',
    'group.added': 'You were added to a group',
    'conversation.added': 'You were added to a conversation',
    'post.commented': 'New comment on your post',
    'comment.replied': 'New reply to your comment',
    'post.reacted': 'Someone reacted to your post',
    'place.arrived': 'Someone arrived at a place you watch',
    'place.left': 'Someone left a place you watch',
    'media.ready': 'Your upload is ready',
    'media.failed': 'An upload could not be processed',
    'location.stale': 'A live location went stale',
    'checkin.missed': 'A check-in was missed',
  };
  return texts[k] ?? 'Notification: ' + k;
}

function SosAlert({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const { api } = useApp();
  const users = useUsers();
  const [acked, setAcked] = useState(false);
  const f = notice.frame;
  const who = f.userId ? users.name(String(f.userId)) : 'A friend';
  const where = typeof f.lat === 'number' && typeof f.lon === 'number' ? ` at ${(f.lat as number).toFixed(4)}, ${(f.lon as number).toFixed(4)}` : '';
  return (
    <div className="sos-alert" role="alertdialog" aria-labelledby={'sos-' + notice.key} data-testid="sos-alert">
      <h2 id={'sos-' + notice.key}>SOS from {who}</h2>
      <p>{f.kind === 'sos.escalated' ? 'Escalated: nobody has answered yet.' : 'They asked for help'}{where}.</p>
      <div className="row">
        {f.alertId && !acked ? (
          <button onClick={() => api.post('/v1/safety/alerts/' + String(f.alertId) + '/ack').then(() => setAcked(true), () => undefined)}>
            I'm on it (acknowledge)
          </button>
        ) : acked ? <span>Acknowledged</span> : null}
        <a href="#/map">Open the map</a>
        <button onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
