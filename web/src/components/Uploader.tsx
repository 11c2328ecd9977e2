import { useRef, useState } from 'react';
import { useApp } from '../app/context';
import { uploadFile } from '../lib/upload';
import type { Media } from '../lib/types';

/** Picks files and uploads them with a progress bar each; reports the media items made. */
export function Uploader({ onUploaded, label = 'Attach photo or video', useLocation = false }: { onUploaded: (m: Media) => void; label?: string; useLocation?: boolean }) {
  const { api } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number; error?: string }[]>([]);

  async function pick(files: FileList | null) {
    if (!files) return;
    for (const file of Array.from(files)) {
      setProgress((p) => [...p, { name: file.name, fraction: 0 }]);
      const update = (u: Partial<{ fraction: number; error: string }>) =>
        setProgress((p) => p.map((x) => (x.name === file.name ? { ...x, ...u } : x)));
      try {
        const m = await uploadFile(api, file, (fraction) => update({ fraction }), useLocation);
        onUploaded(m);
        setProgress((p) => p.filter((x) => x.name !== file.name));
      } catch (e) {
        update({ error: e instanceof Error ? e.message : 'upload failed' });
      }
    }
    if (input.current) input.current.value = '';
  }

  return (
    <div className="uploader">
      <label className="button-like">
        {label}
        <input ref={input} type="file" accept="image/*,video/*" multiple className="visually-hidden" onChange={(e) => void pick(e.target.files)} />
      </label>
      {progress.map((p) => (
        <div key={p.name} className="upload-progress">
          <span>{p.name}</span>
          {p.error ? <span role="alert" className="error">{p.error}</span> : <progress max={1} value={p.fraction} aria-label={'Uploading ' + p.name} />}
        </div>
      ))}
    </div>
  );
}
