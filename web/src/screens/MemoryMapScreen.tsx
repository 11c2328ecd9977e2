import { useRef, useState } from 'react';
import L from 'leaflet';
import { useApp } from '../app/context';
import { BaseMap } from '../components/BaseMap';
import { MediaView } from '../components/MediaView';
import type { MapItem, MapResult } from '../lib/types';

/** Location-tagged posts and photos, clustered by the server for the zoom; a cluster zooms to where it splits. */
export function MemoryMapScreen() {
  const { api } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<MapItem | null>(null);
  const [counts, setCounts] = useState({ clusters: 0, items: 0 });
  const layer = useRef<L.LayerGroup | null>(null);

  function ready(map: L.Map) {
    layer.current = L.layerGroup().addTo(map);
    let seq = 0;
    const load = () => {
      const b = map.getBounds();
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => Math.max(-180, Math.min(180, x)).toFixed(5));
      bbox[1] = String(Math.max(-90, Number(bbox[1])));
      bbox[3] = String(Math.min(90, Number(bbox[3])));
      const mine = ++seq;
      const zoom = Math.round(map.getZoom());
      api.get<MapResult>(`/v1/map?bbox=${bbox.join(',')}&zoom=${zoom}`).then((r) => {
        if (mine !== seq || !layer.current) return;
        map.getContainer().dataset.loadedZoom = String(zoom); // what is drawn (tests wait on it)
        setError(null);
        layer.current.clearLayers();
        setCounts({ clusters: r.clusters.length, items: r.items.length });
        for (const c of r.clusters) {
          const icon = L.divIcon({ className: 'cluster', html: `<span>${c.count}</span>`, iconSize: [36, 36] });
          L.marker([c.lat, c.lon], { icon, title: c.count + ' memories', keyboard: true, alt: c.count + ' memories' })
            .on('click', () => {
              api.get<{ zoom: number }>(`/v1/map/clusters/${encodeURIComponent(c.id)}/zoom`).then(
                (z) => map.flyTo([c.lat, c.lon], Math.max(z.zoom, map.getZoom() + 1)),
                () => map.flyTo([c.lat, c.lon], map.getZoom() + 2),
              );
            })
            .addTo(layer.current);
        }
        for (const it of r.items) {
          L.circleMarker([it.lat, it.lon], { radius: 8, color: '#c2410c', fillOpacity: 0.8 })
            .on('click', () => setPicked(it))
            .bindTooltip(it.kind)
            .addTo(layer.current);
        }
      }, (e: Error & { status?: number }) => setError(e.status === 404 ? 'The memory map is not available on this server.' : e.message));
    };
    map.on('moveend', load);
    load();
    return () => map.off('moveend', load);
  }

  return (
    <div className="memory-map">
      <h1>Memories</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <p className="muted" role="status" aria-live="polite">{counts.clusters} clusters, {counts.items} single memories in view</p>
      <div className="map-layout">
        <BaseMap label="Memory map" onReady={ready} />
        <aside aria-label="Selected memory">
          {picked ? (
            <div className="card">
              <p>{picked.kind} · {new Date(picked.createdAt).toLocaleDateString()}</p>
              {picked.preview?.text && <p>{picked.preview.text}</p>}
              {(picked.preview?.mediaId || picked.kind === 'media') && <MediaView id={picked.preview?.mediaId ?? picked.id} />}
              <button onClick={() => setPicked(null)}>Close</button>
            </div>
          ) : <p className="muted">Pick a memory on the map. Clusters split as you zoom.</p>}
        </aside>
      </div>
    </div>
  );
}
