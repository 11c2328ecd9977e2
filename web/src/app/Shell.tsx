import { useEffect, useRef } from 'react';
import type { SocketState } from '../lib/socket';
import { ChatsScreen } from '../screens/ChatsScreen';
import { FeedScreen } from '../screens/FeedScreen';
import { GroupsScreen } from '../screens/GroupsScreen';
import { LiveMapScreen } from '../screens/LiveMapScreen';
import { MemoryMapScreen } from '../screens/MemoryMapScreen';
import { PeopleScreen } from '../screens/PeopleScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { Notices } from '../components/Notices';
import { useApp, useStore } from './context';

const NAV: [string, string][] = [
  ['feed', 'Feed'],
  ['chats', 'Chats'],
  ['people', 'People'],
  ['groups', 'Groups'],
  ['map', 'Map'],
  ['memories', 'Memories'],
  ['settings', 'Settings'],
];

const STATE_TEXT: Record<SocketState, string> = {
  connecting: 'Connecting…',
  resuming: 'Catching up…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — reconnecting when the network is back',
  'signed-out': 'Signed out',
};

export function Shell({ route, socketState }: { route: string[]; socketState: SocketState }) {
  const { me } = useApp();
  const store = useStore();
  const section = route[0] ?? 'feed';
  const main = useRef<HTMLElement>(null);
  const unread = [...store.unread.values()].reduce((a, b) => a + b, 0);

  const first = useRef(true);
  // on navigation, focus moves to the new content (not on first load: Tab then starts at the skip link)
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [section]);

  return (
    <div className="app">
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Tangle</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([key, label]) => (
              <li key={key}>
                <a href={'#/' + key} aria-current={section === key ? 'page' : undefined}>
                  {label}
                  {key === 'chats' && unread > 0 && <span className="badge" aria-label={unread + ' unread'}>{unread}</span>}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className={'conn conn-' + socketState} role="status" aria-live="polite" data-testid="connection">
          {STATE_TEXT[socketState]}
        </span>
        <span className="me">@{me.handle}</span>
      </header>
      <Notices />
      <main id="main" ref={main} tabIndex={-1}>
        {section === 'feed' && <FeedScreen />}
        {section === 'chats' && <ChatsScreen conversationId={route[1]} />}
        {section === 'people' && <PeopleScreen />}
        {section === 'groups' && <GroupsScreen groupId={route[1]} />}
        {section === 'map' && <LiveMapScreen />}
        {section === 'memories' && <MemoryMapScreen />}
        {section === 'settings' && <SettingsScreen />}
        {!NAV.some(([k]) => k === section) && <p>Nothing here. <a href="#/feed">Go to the feed</a>.</p>}
      </main>
    </div>
  );
}
