/**
 * Runtime settings. The map's basemap is offline (world-atlas country shapes) unless a tile URL is set: at build
 * time (VITE_TILE_URL) or by the user (Settings, kept in localStorage), e.g. https://tile.example.org/{z}/{x}/{y}.png.
 */
export function tileUrl(): string | null {
  return localStorage.getItem('tangle.tileUrl') || (import.meta.env.VITE_TILE_URL as string | undefined) || null;
}

export function setTileUrl(url: string | null): void {
  if (url) localStorage.setItem('tangle.tileUrl', url);
  else localStorage.removeItem('tangle.tileUrl');
}

/** The WebSocket URL on this origin. */
export function socketUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return proto + '//' + window.location.host + '/v1/ws';
}
