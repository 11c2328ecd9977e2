import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Api } from '../lib/api';
import type { ChatStore } from '../lib/chat';
import type { Frame, TangleSocket } from '../lib/socket';
import type { User } from '../lib/types';
import type { UserCache } from '../lib/users';

export interface Notice {
  key: string;
  frame: Frame;
  at: number;
}

export interface AppContext {
  api: Api;
  me: User;
  socket: TangleSocket;
  store: ChatStore;
  users: UserCache;
  notices: Notice[];
  dismiss(key: string): void;
  signOut(everywhere: boolean): Promise<void>;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('no app context');
  return c;
}

/** Re-renders on every chat store change. */
export function useStore(): ChatStore {
  const { store } = useApp();
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store;
}

/** Re-renders when users arrive. */
export function useUsers(): UserCache {
  const { users } = useApp();
  useSyncExternalStore(users.subscribe, users.getVersion);
  return users;
}
