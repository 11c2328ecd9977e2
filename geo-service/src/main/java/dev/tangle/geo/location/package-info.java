/**
 * Location updates in (REST {@code POST /v1/location}, {@code tangle.svc.geo.location} from socket-server) and
 * out ({@code location} pushes on {@code tangle.rt.user.<viewer>}), the last known location per sharer in the
 * {@code tangle_location} KV bucket, coalescing of too-fast updates (one pending slot per sharer), and the
 * live/stale/paused/ended status viewers read. Approximate viewers only ever get grid-cell centres. No
 * coordinate is ever logged.
 */
package dev.tangle.geo.location;
