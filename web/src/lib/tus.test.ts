import { describe, expect, it } from 'vitest';
import { tusUpload } from './tus';

/** A tus server in memory; `drop` loses the given PATCH numbers after storing half of their bytes. */
function server(drop: number[] = []) {
  let stored: Uint8Array = new Uint8Array(0);
  let length = 0;
  let patches = 0;
  const calls: string[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push(init.method + ' ' + url);
    const h = new Headers(init.headers);
    if (init.method === 'POST') {
      length = Number(h.get('Upload-Length'));
      expect(atob(h.get('Upload-Metadata')!.split(' ')[1])).toBe('clip.mp4');
      return new Response(null, { status: 201, headers: { Location: '/v1/uploads/u1' } });
    }
    const done = (): Record<string, string> => (stored.length === length ? { 'Tangle-Media-Id': 'm1' } : {});
    if (init.method === 'HEAD') return new Response(null, { status: 200, headers: { 'Upload-Offset': String(stored.length), ...done() } });
    patches++;
    if (Number(h.get('Upload-Offset')) !== stored.length) return new Response(null, { status: 409 });
    const bytes = new Uint8Array(await (init.body as Blob).arrayBuffer());
    if (drop.includes(patches)) {
      stored = concat(stored, bytes.slice(0, bytes.length / 2));
      throw new TypeError('Failed to fetch');
    }
    stored = concat(stored, bytes);
    return new Response(null, { status: 204, headers: { 'Upload-Offset': String(stored.length), ...done() } });
  }) as unknown as typeof fetch;
  return { fetchImpl, stored: () => stored, calls };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  // copies into a fresh buffer
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const file = new Blob([new Uint8Array(1000).map((_, i) => i % 251)]);

describe('tus upload', () => {
  it('appends in chunks and returns the media id of the completing PATCH', async () => {
    const s = server();
    const progress: number[] = [];
    const id = await tusUpload({ file, filename: 'clip.mp4', token: async () => 't', chunkBytes: 300, fetchImpl: s.fetchImpl, onProgress: (p) => progress.push(p) });
    expect(id).toBe('m1');
    expect(progress).toEqual([0.3, 0.6, 0.9, 1]);
    expect(Array.from(s.stored())).toEqual(Array.from(new Uint8Array(await file.arrayBuffer())));
  });

  it('after a dropped connection asks for the offset and resumes from it, losing and repeating nothing', async () => {
    const s = server([2]);
    const id = await tusUpload({ file, filename: 'clip.mp4', token: async () => 't', chunkBytes: 300, fetchImpl: s.fetchImpl, sleep: async () => undefined });
    expect(id).toBe('m1');
    expect(s.calls.filter((c) => c.startsWith('HEAD'))).toHaveLength(1);
    expect(Array.from(s.stored())).toEqual(Array.from(new Uint8Array(await file.arrayBuffer())));
  });
});
