/**
 * Resumable uploads (tus 1.0 core + creation, {@code /v1/uploads}): create, then append in chunks; after a network
 * error or a 5xx the client asks the server for its offset ({@code HEAD}) and goes on from there. The
 * {@code PATCH} that completes the upload (or a later {@code HEAD}) names the media item in {@code Tangle-Media-Id}.
 */
export interface TusOptions {
  file: Blob;
  filename: string;
  token: () => Promise<string | null>;
  onProgress?: (fraction: number) => void;
  chunkBytes?: number;
  retries?: number;
  useLocation?: boolean;
  endpoint?: string;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const VERSION = '1.0.0';

function b64(s: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(s)));
}

export async function tusUpload(o: TusOptions): Promise<string> {
  const f = o.fetchImpl ?? fetch.bind(globalThis);
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const chunk = o.chunkBytes ?? 4 * 1024 * 1024;
  const size = o.file.size;
  const auth = async (): Promise<Record<string, string>> => ({ Authorization: 'Bearer ' + ((await o.token()) ?? ''), 'Tus-Resumable': VERSION });
  const meta = [`filename ${b64(o.filename)}`, ...(o.useLocation ? [`useLocation ${b64('true')}`] : [])].join(',');

  const created = await f(o.endpoint ?? '/v1/uploads', {
    method: 'POST',
    headers: { ...(await auth()), 'Upload-Length': String(size), 'Upload-Metadata': meta },
  });
  if (created.status !== 201) throw new Error(`upload refused (${created.status})`);
  const location = created.headers.get('Location');
  if (!location) throw new Error('upload created without a Location');

  let offset = 0;
  let failures = 0;
  while (true) {
    let res: Response | null = null;
    try {
      res = await f(location, {
        method: 'PATCH',
        headers: { ...(await auth()), 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        body: o.file.slice(offset, Math.min(size, offset + chunk)),
      });
    } catch {
      res = null; // network: ask where the server is
    }
    if (res && res.status === 204) {
      failures = 0;
      offset = Number(res.headers.get('Upload-Offset'));
      o.onProgress?.(size ? offset / size : 1);
      const id = res.headers.get('Tangle-Media-Id');
      if (id) return id;
      if (offset >= size) throw new Error('upload complete but no media id');
      continue;
    }
    if (res && res.status < 500 && res.status !== 409) throw new Error(`upload failed (${res.status})`);
    if (++failures > (o.retries ?? 5)) throw new Error('upload failed: the server cannot be reached');
    await sleep(Math.min(8000, 500 * 2 ** failures));
    try {
      const head = await f(location, { method: 'HEAD', headers: await auth() });
      if (head.ok) {
        const id = head.headers.get('Tangle-Media-Id');
        if (id) return id;
        offset = Number(head.headers.get('Upload-Offset'));
        o.onProgress?.(size ? offset / size : 1);
      }
    } catch {
      // still unreachable: the next round tries again
    }
  }
}
