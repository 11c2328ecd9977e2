import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const SCREENS = path.join(import.meta.dirname, '..', 'test-results', 'screens');

export function base(): string {
  const url = process.env.TANGLE_E2E_URL;
  if (!url) throw new Error('TANGLE_E2E_URL is not set (global-setup starts the stack)');
  return url;
}

export interface TestUser {
  ctx: BrowserContext;
  page: Page;
  handle: string;
  id: string;
  errors: string[];
}

let counter = 0;

/** A unique handle (tests may run against a stack that already has users). */
export function handleFor(name: string): string {
  return `${name}_${Date.now().toString(36)}${(counter++).toString(36)}`.slice(0, 32);
}

/** Opens a fresh context and registers through the UI. */
export async function newUser(browser: Browser, name: string, opts: { viewport?: { width: number; height: number } } = {}): Promise<TestUser> {
  const ctx = await browser.newContext({ baseURL: base(), viewport: opts.viewport });
  const page = await ctx.newPage();
  const errors = watchConsole(page);
  const handle = handleFor(name);
  await page.goto('/');
  await page.getByRole('tab', { name: 'Register' }).click();
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('connection')).toHaveText('Live');
  const id = await page.evaluate(async () => {
    const s = JSON.parse(localStorage.getItem('tangle.session')!);
    const r = await fetch('/v1/users/me', { headers: { Authorization: 'Bearer ' + s.accessToken } });
    return (await r.json()).id as string;
  });
  return { ctx, page, handle, id, errors };
}

/** Console errors and uncaught exceptions of a page. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => {
    errors.push(String(e));
    console.log('pageerror: ' + String(e) + '\n' + (e.stack ?? ''));
  });
  return errors;
}

/** A REST call as this user (their token, the same origin), outside the page so it leaves no console trace. */
export async function call<T = unknown>(u: TestUser, method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
  const token = await u.page.evaluate(() => JSON.parse(localStorage.getItem('tangle.session')!).accessToken as string);
  const r = await u.ctx.request.fetch(p, {
    method,
    headers: { Authorization: 'Bearer ' + token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    data: body === undefined ? undefined : JSON.stringify(body),
    failOnStatusCode: false,
  });
  const text = await r.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: r.status(), body: parsed as T };
}

/** a asks, b accepts (through the API: the People screen has its own test). */
export async function befriend(a: TestUser, b: TestUser): Promise<void> {
  const sent = await call<{ id: string }>(a, 'POST', '/v1/friends/requests', { userId: b.id });
  expect([200, 201]).toContain(sent.status);
  if (sent.status === 201) expect((await call(b, 'POST', `/v1/friends/requests/${sent.body.id}/accept`)).status).toBe(200);
}

/** Whether a service's part of API.md answers on this stack (its branch has landed): not 404 for the probe. */
export async function landed(u: TestUser, method: string, p: string): Promise<boolean> {
  const r = await call(u, method, p, method === 'GET' ? undefined : {});
  return r.status !== 404;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, name + '.png'), fullPage: true });
}

/** No console errors but those listed as expected (e.g. a 404 the API answers on purpose). */
export function expectNoConsoleErrors(u: TestUser, allowed: RegExp[] = []): void {
  expect(u.errors.filter((e) => !allowed.some((a) => a.test(e)))).toEqual([]);
}

/** A real PNG (a gradient, w×h) built in memory, so the media pipeline has something to decode and thumbnail. */
export async function pngBytes(w = 640, h = 480): Promise<Buffer> {
  const zlib = await import('node:zlib');
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = (x * 255) / w;
      raw[o + 1] = (y * 255) / h;
      raw[o + 2] = 128;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
