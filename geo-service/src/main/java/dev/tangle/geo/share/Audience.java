package dev.tangle.geo.share;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who sees a sharer right now, and how: for each viewer the share that gives the best precision (exact over
 * approximate, then the later expiry). Valid until its earliest share expires or the cache entry's TTL ends.
 *
 * @param ownerId    the sharer
 * @param shares     the sharer's active shares
 * @param byViewer   viewer → the share they see the sharer through
 * @param validUntil when this must be reloaded at the latest
 */
public record Audience(UUID ownerId, List<Share> shares, Map<UUID, Share> byViewer, Instant validUntil) {

    public static Audience of(UUID ownerId, Map<Share, Set<UUID>> shares, Instant ttlEnd) {
        Map<UUID, Share> byViewer = new HashMap<>();
        Instant until = ttlEnd;
        for (var entry : shares.entrySet()) {
            Share share = entry.getKey();
            if (share.expiresAt().isBefore(until)) {
                until = share.expiresAt();
            }
            if (share.paused()) {
                continue;
            }
            for (UUID viewer : entry.getValue()) {
                byViewer.merge(viewer, share, Audience::better);
            }
        }
        return new Audience(ownerId, List.copyOf(shares.keySet()), Map.copyOf(byViewer), until);
    }

    private static Share better(Share a, Share b) {
        if (a.precision() != b.precision()) {
            return a.precision() == Precision.EXACT ? a : b;
        }
        return a.expiresAt().isAfter(b.expiresAt()) ? a : b;
    }

    /** The share through which {@code viewer} sees the owner, if any. */
    public Share shareFor(UUID viewer) {
        return byViewer.get(viewer);
    }

    public boolean isEmpty() {
        return byViewer.isEmpty();
    }
}
