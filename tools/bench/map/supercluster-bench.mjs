// The peer of `./tangle bench map`: builds npm supercluster over the same points and times the same viewports.
// usage: node --expose-gc supercluster-bench.mjs <points.f64> <viewports.f64> [radius] [maxZoom]
//   points.f64: little-endian float64 pairs (lon, lat); viewports.f64: float64 records (zoom, west, south, east, north)
// Prints one JSON object: build time, retained memory, per-zoom queries/s and p99.
import { readFileSync } from 'node:fs';
import Supercluster from 'supercluster';

const [pointsFile, viewportsFile, radius = '40', maxZoom = '16'] = process.argv.slice(2);
const f64 = (file) => { const b = readFileSync(file); return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8); };

function heap() {
  global.gc(); global.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const coords = f64(pointsFile);
const n = coords.length / 2;
const before = heap();
// What supercluster takes: GeoJSON point features (it keeps them; they are part of what it retains).
const t0 = process.hrtime.bigint();
const features = new Array(n);
for (let i = 0; i < n; i++) {
  features[i] = { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [coords[2 * i], coords[2 * i + 1]] } };
}
const tFeatures = process.hrtime.bigint();
const index = new Supercluster({ radius: Number(radius), maxZoom: Number(maxZoom) }).load(features);
const t1 = process.hrtime.bigint();
const retained = heap() - before;

const vp = f64(viewportsFile);
const byZoom = new Map();
for (let i = 0; i < vp.length; i += 5) {
  const z = vp[i];
  if (!byZoom.has(z)) byZoom.set(z, []);
  byZoom.get(z).push([vp[i + 1], vp[i + 2], vp[i + 3], vp[i + 4]]);
}
const queries = {};
for (const [z, boxes] of byZoom) {
  for (let i = 0; i < Math.min(200, boxes.length); i++) index.getClusters(boxes[i], z); // warm-up
  const lat = new Float64Array(boxes.length);
  let results = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < boxes.length; i++) {
    const q0 = process.hrtime.bigint();
    results += index.getClusters(boxes[i], z).length;
    lat[i] = Number(process.hrtime.bigint() - q0) / 1e3;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  lat.sort();
  queries[z] = { queries: boxes.length, perSecond: boxes.length / seconds, p99Micros: lat[Math.floor(lat.length * 0.99)],
                 meanResults: results / boxes.length };
}
console.log(JSON.stringify({ points: n, buildMs: Number(t1 - tFeatures) / 1e6, featuresMs: Number(tFeatures - t0) / 1e6,
  retainedBytes: retained, queries }));
