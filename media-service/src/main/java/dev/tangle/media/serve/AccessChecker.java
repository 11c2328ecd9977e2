package dev.tangle.media.serve;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.tangle.common.contract.MediaContract;
import dev.tangle.common.nats.service.NatsServiceClient;
import dev.tangle.media.item.MediaItem;

/**
 * Who may see a media item: its owner; anyone else only if api-server says a post or message they can see attaches
 * it ({@code tangle.svc.attachment.can-view}). A "yes" is reused for the TTL per (user, media); a "no" for at most
 * {@value #NEGATIVE_MILLIS} ms, so an item attached a moment ago becomes visible at once while repeated probes by a
 * stranger do not each reach api-server.
 */
public final class AccessChecker {

    private static final int MAX_ENTRIES = 50_000;
    private static final long NEGATIVE_MILLIS = 2_000;

    private final NatsServiceClient api;
    private final Duration ttl;
    private final Map<Key, Answer> cache = new ConcurrentHashMap<>();

    public AccessChecker(NatsServiceClient api, Duration ttl) {
        this.api = api;
        this.ttl = ttl;
    }

    public boolean canView(UUID userId, MediaItem item) {
        if (item.ownerId().equals(userId)) {
            return true;
        }
        if (item.deleted()) {
            return false;
        }
        Key key = new Key(userId, item.id());
        long now = System.nanoTime();
        Answer cached = cache.get(key);
        if (cached != null && cached.expiresAt - now > 0) {
            return cached.visible;
        }
        boolean visible = api.call(MediaContract.CAN_VIEW,
                new MediaContract.CanViewRequest(userId.toString(), item.id().toString())).visible();
        if (!ttl.isZero()) {
            if (cache.size() > MAX_ENTRIES) {
                cache.clear();
            }
            long keep = visible ? ttl.toNanos() : Math.min(ttl.toNanos(), NEGATIVE_MILLIS * 1_000_000);
            cache.put(key, new Answer(visible, now + keep));
        }
        return visible;
    }

    /** Forgets every answer about an item (it was deleted). */
    public void forget(UUID mediaId) {
        cache.keySet().removeIf(k -> k.mediaId.equals(mediaId));
    }

    private record Key(UUID userId, UUID mediaId) {
    }

    private record Answer(boolean visible, long expiresAt) {
    }
}
