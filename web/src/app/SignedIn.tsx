import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Api } from '../lib/api';
import { ChatStore } from '../lib/chat';
import { socketUrl } from '../lib/config';
import { TangleSocket, type Frame, type SocketState } from '../lib/socket';
import type { Conversation, Page, User } from '../lib/types';
import { UserCache } from '../lib/users';
import { flushPending } from '../lib/sending';
import { useRoute } from '../lib/route';
import { Ctx, type AppContext, type Notice } from './context';
import { Shell } from './Shell';

/** Owns the socket and the stores of one signed-in user. */
export function SignedIn({ api, me }: { api: Api; me: User }) {
  const store = useMemo(() => new ChatStore(me.id), [me.id]);
  const users = useMemo(() => {
    const u = new UserCache(api);
    u.put(me);
    return u;
  }, [api, me]);
  const socket = useMemo(() => new TangleSocket({ url: socketUrl(), tokens: api.tokens, cursors: () => store.cursors() }), [api, store]);
  const [state, setState] = useState<SocketState>(socket.state);
  const [notices, setNotices] = useState<Notice[]>([]);
  const route = useRoute();

  useEffect(() => {
    const offFrame = socket.onFrame((f: Frame) => {
      store.handle(f);
      if (f.type === 'notification') {
        setNotices((n) => [...n, { key: crypto.randomUUID(), frame: f, at: Date.now() }].slice(-20));
      }
    });
    const offState = socket.onState((s) => {
      setState(s);
      if (s === 'open') flushPending(socket, store);
    });
    const offline = () => socket.wentOffline();
    const online = () => socket.cameOnline();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    let cancelled = false;
    // conversations first, so the first resume knows every cursor
    api
      .get<Page<Conversation>>('/v1/conversations?limit=200')
      .then((p) => !cancelled && store.setConversations(p.items))
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) void socket.start();
      });
    return () => {
      cancelled = true;
      offFrame();
      offState();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      socket.stop();
    };
  }, [api, socket, store]);

  const dismiss = useCallback((key: string) => setNotices((n) => n.filter((x) => x.key !== key)), []);
  const signOut = useCallback(
    async (everywhere: boolean) => {
      socket.stop();
      await api.logout(everywhere).catch(() => undefined);
    },
    [api, socket],
  );

  const ctx: AppContext = { api, me, socket, store, users, notices, dismiss, signOut };
  return (
    <Ctx.Provider value={ctx}>
      <Shell route={route} socketState={state} />
    </Ctx.Provider>
  );
}
