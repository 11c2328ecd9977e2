import { existsSync, readFileSync, rmSync } from 'node:fs';
import { STATE } from './global-setup';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the stack global-setup started, by its pid (SIGTERM: it stops services, NATS, PostgreSQL in order). */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(STATE)) return;
  const { pid, home } = JSON.parse(readFileSync(STATE, 'utf8')) as { pid: number; home: string };
  rmSync(STATE);
  if (alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 60_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(home, { recursive: true, force: true });
}
