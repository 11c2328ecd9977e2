import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..', '..');
export const STATE = path.join(import.meta.dirname, '..', 'test-results', 'e2e-stack.json');

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function freeBase(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const base = 20000 + Math.floor(Math.random() * 4000) * 10;
    const free = await Promise.all([0, 1, 2, 3, 4].map((o) => portFree(base + o)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port range for the test stack');
}

function readEnv(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) out[line.slice(0, eq)] = line.slice(eq + 1).replace(/^'|'$/g, '');
  }
  return out;
}

/** Starts `./tangle dev` (it builds what is stale, the client included) and waits for TANGLE_WEB_URL in dev.env. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TANGLE_E2E_URL) return;
  const home = mkdtempSync(path.join(tmpdir(), 'tangle-e2e-'));
  const base = await freeBase();
  const log = path.join(home, 'launcher.log');
  const out = openSync(log, 'a');
  const child = spawn(path.join(REPO, 'tangle'), ['dev'], {
    cwd: REPO,
    env: {
      ...process.env,
      TANGLE_HOME: home,
      TANGLE_PORT_BASE: String(base),
      TANGLE_RATELIMIT_REGISTER_PER_IP: '10000/1h',
      TANGLE_RATELIMIT_LOGIN_PER_IP: '10000/1m',
    },
    stdio: ['ignore', out, out],
    detached: false,
  });
  mkdirSync(path.dirname(STATE), { recursive: true });
  writeFileSync(STATE, JSON.stringify({ pid: child.pid, home, base, log }));
  const deadline = Date.now() + 8 * 60_000;
  const envFile = path.join(home, 'dev.env');
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tangle dev exited with ${child.exitCode}; see ${log}`);
    const env = readEnv(envFile);
    if (env.TANGLE_WEB_URL) {
      process.env.TANGLE_E2E_URL = env.TANGLE_WEB_URL;
      process.env.TANGLE_E2E_STARTED = '1';
      console.log(`e2e: stack on ${env.TANGLE_WEB_URL} (pid ${child.pid}, home ${home})`);
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('the stack was not ready in 8 minutes; see ' + log);
}
