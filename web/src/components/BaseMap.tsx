import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';
import { tileUrl } from '../lib/config';

let world: GeoJSON.FeatureCollection | null = null;

function worldShapes(): GeoJSON.FeatureCollection {
  if (!world) {
    const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
    world = feature(topo, topo.objects.countries) as GeoJSON.FeatureCollection;
  }
  return world;
}

/**
 * A Leaflet map whose basemap works offline: Natural Earth country shapes (world-atlas) drawn as vectors, or raster
 * tiles when a tile URL is configured. Keyboard pan/zoom is Leaflet's (focus the map, arrows, +/-).
 */
export function BaseMap({ label, onReady, center = [20, 0], zoom = 2 }: {
  label: string; onReady: (map: L.Map) => void | (() => void); center?: [number, number]; zoom?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { center, zoom, worldCopyJump: true, keyboard: true, attributionControl: true });
    const url = tileUrl();
    if (url) {
      L.tileLayer(url, { maxZoom: 19, attribution: 'Map tiles' }).addTo(map);
    } else {
      el.current.classList.add('offline-basemap');
      L.geoJSON(worldShapes(), {
        style: { color: '#7a8a99', weight: 0.7, fillColor: '#dfe7d8', fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
      map.attributionControl.addAttribution('Natural Earth (offline)');
    }
    const cleanup = ready.current(map);
    return () => {
      if (typeof cleanup === 'function') cleanup();
      map.remove();
    };
    // the map is created once per mount
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div ref={el} className="map" role="region" aria-label={label} tabIndex={0} />;
}
