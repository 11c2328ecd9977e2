/**
 * The memory map (issue 16, docs/adr/0095): durable consumers of TANGLE_EVENTS write posts, media, friendships,
 * blocks and group membership into schema {@code geo} ({@code map_*}, seq-guarded, so redelivery and replay are
 * harmless); every instance's {@link dev.tangle.geo.map.index.MapIndex} follows those tables by revision; the HTTP
 * layer answers {@code /v1/map*} from the index for the verified caller. Owns V20+ migrations of geo-service.
 */
package dev.tangle.geo.map;
