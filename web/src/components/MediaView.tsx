import { useEffect, useState } from 'react';
import { useApp } from '../app/context';
import { blurhashUrl } from '../lib/blurhash';
import type { Media } from '../lib/types';

/**
 * One attachment: its blurhash placeholder until the thumbnail (or video poster) has loaded; a video plays its web
 * variant. Media the viewer may not see (404) renders nothing; deleted media a placeholder.
 */
export function MediaView({ id, large = false }: { id: string; large?: boolean }) {
  const { api } = useApp();
  const [media, setMedia] = useState<Media | null>(null);
  const [state, setState] = useState<'loading' | 'hidden' | 'gone' | 'ok'>('loading');
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchIt = () =>
      api.get<Media>('/v1/media/' + encodeURIComponent(id)).then(
        (m) => {
          if (stop) return;
          setMedia(m);
          setState('ok');
          if (m.status === 'processing') timer = setTimeout(fetchIt, 1500);
        },
        (e: { status?: number }) => !stop && setState(e.status === 404 ? 'hidden' : 'gone'),
      );
    fetchIt();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [api, id]);

  if (state === 'hidden' || state === 'loading') return null;
  if (state === 'gone' || !media) return <div className="media media-gone">Attachment unavailable</div>;
  const placeholder = blurhashUrl(media.blurhash);
  const ratio = media.width && media.height ? media.width / media.height : 4 / 3;
  const variant = media.kind === 'video' ? media.variants.poster : large ? media.variants.display ?? media.variants.thumb : media.variants.thumb;
  return (
    <figure className="media" style={{ aspectRatio: String(ratio) }} data-testid="media" data-status={media.status}>
      {placeholder && !loaded && <img className="blur" src={placeholder} alt="" aria-hidden="true" />}
      {media.kind === 'video' && media.variants.video ? (
        <video controls preload="none" poster={variant?.url} src={media.variants.video.url} onLoadedData={() => setLoaded(true)}
          aria-label="Video attachment" />
      ) : variant ? (
        <a href={media.variants.display?.url ?? variant.url} target="_blank" rel="noopener noreferrer" aria-label="Open the photo full size">
          <img src={variant.url} alt="Photo attachment" loading="lazy" onLoad={() => setLoaded(true)} data-testid="thumb"
            style={{ opacity: loaded ? 1 : 0 }} />
        </a>
      ) : (
        <figcaption>{media.status === 'failed' ? 'Could not process this file' : 'Processing…'}</figcaption>
      )}
    </figure>
  );
}
