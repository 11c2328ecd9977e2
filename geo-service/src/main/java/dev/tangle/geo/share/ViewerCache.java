package dev.tangle.geo.share;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.tangle.common.db.Database;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;

/**
 * Every instance's cache of each sharer's {@link Audience}, loaded from PostgreSQL on a miss. Any change to a
 * sharer's shares or viewers is broadcast on {@code tangle.rt.geo-shares.<ownerId>} after its commit, and every
 * instance drops that entry at once. A broadcast can only be lost with the connection (the dispatcher has no
 * pending limit, so it never drops one itself), and after a reconnect every entry is dropped; the TTL is a second
 * bound on top (docs/adr/0138).
 */
public final class ViewerCache implements AutoCloseable {

    static final String SUBJECT_PREFIX = "tangle.rt.geo-shares.";

    private final Database db;
    private final ShareRepository shares;
    private final Connection nats;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<UUID, Audience> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a load that raced with one is not cached. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final Dispatcher dispatcher;
    private final ConnectionListener reconnects;

    public ViewerCache(Database db, ShareRepository shares, Connection nats, Clock clock, Duration ttl) {
        this.db = db;
        this.shares = shares;
        this.nats = nats;
        this.clock = clock;
        this.ttl = ttl;
        this.dispatcher = nats.createDispatcher(msg -> {
            String subject = msg.getSubject();
            try {
                UUID owner = UUID.fromString(subject.substring(SUBJECT_PREFIX.length()));
                generation.incrementAndGet();
                entries.remove(owner);
            } catch (IllegalArgumentException ignored) {
                // not ours
            }
        });
        dispatcher.subscribe(SUBJECT_PREFIX + "*");
        // never drop an invalidation here: with no pending limit (0) the client keeps every one it received
        dispatcher.setPendingLimits(0, 0);
        // one lost while disconnected is covered by dropping everything once the connection is back
        this.reconnects = (conn, event) -> {
            if (event == ConnectionListener.Events.RECONNECTED || event == ConnectionListener.Events.RESUBSCRIBED) {
                clear();
            }
        };
        nats.addConnectionListener(reconnects);
    }

    /** Drops every entry (the connection was lost, so an invalidation may have been). */
    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** The sharer's audience now. */
    public Audience get(UUID owner) {
        Instant now = clock.instant();
        Audience cached = entries.get(owner);
        if (cached != null && cached.validUntil().isAfter(now)) {
            return cached;
        }
        long before = generation.get();
        Audience fresh = Audience.of(owner, shares.activeWithViewers(db.client().execute(), owner), now.plus(ttl));
        if (generation.get() == before) {
            entries.put(owner, fresh);
        }
        return fresh;
    }

    /** After a committed change: drop the entry here and on every other instance. */
    public void invalidate(UUID owner) {
        generation.incrementAndGet();
        entries.remove(owner);
        nats.publish(SUBJECT_PREFIX + owner, owner.toString().getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return entries.size();
    }

    @Override
    public void close() {
        nats.removeConnectionListener(reconnects);
        nats.closeDispatcher(dispatcher);
    }
}
