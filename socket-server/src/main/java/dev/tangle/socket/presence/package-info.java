/**
 * Presence in the tangle_presence KV bucket and tangle.rt.presence.* signals (ADR 0043).
 */
package dev.tangle.socket.presence;
