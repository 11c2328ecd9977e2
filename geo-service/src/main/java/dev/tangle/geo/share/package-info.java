/**
 * Live location shares: time-boxed (15 min – 8 h) to friends, a conversation or a group, exact or approximate.
 * A share's audience is resolved through api-server when it is created and kept in {@code share_viewers}; social
 * events (unfriend, block, leaving a conversation or group) delete viewers at once and every instance's
 * {@link dev.tangle.geo.share.ViewerCache} is invalidated over core NATS. Expiry needs no timer: every read and
 * every fan-out compares {@code expiresAt} with the clock; one poller announces ended and stale shares once.
 */
package dev.tangle.geo.share;
