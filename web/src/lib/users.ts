import type { Api } from './api';
import type { User } from './types';

/** Users by id, fetched once on first use. */
export class UserCache {
  private readonly users = new Map<string, User>();
  private readonly asked = new Set<string>();
  private readonly listeners = new Set<() => void>();
  version = 0;

  constructor(private readonly api: Api) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getVersion = () => this.version;

  put(u: User): void {
    this.users.set(u.id, u);
    this.version++;
    this.listeners.forEach((l) => l());
  }

  get(id: string): User | undefined {
    const u = this.users.get(id);
    if (!u && !this.asked.has(id)) {
      this.asked.add(id);
      this.api.get<User>('/v1/users/' + encodeURIComponent(id)).then((x) => this.put(x), () => undefined);
    }
    return u;
  }

  name(id: string): string {
    const u = this.get(id);
    return u ? u.displayName || '@' + u.handle : '…';
  }
}
