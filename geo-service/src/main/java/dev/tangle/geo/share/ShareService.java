package dev.tangle.geo.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.geo.support.ApiClient;
import dev.tangle.geo.support.GeoEvents;
import io.helidon.dbclient.DbExecute;

/** The rules of shares: who may be an audience, extend/change/stop, and what social changes take away. */
public final class ShareService {

    public static final int MIN_MINUTES = 15;
    public static final int MAX_MINUTES = 480;

    private final Database db;
    private final OutboxRelay relay;
    private final ShareRepository shares;
    private final ViewerCache cache;
    private final ApiClient api;
    private final Clock clock;

    public ShareService(Database db, OutboxRelay relay, ShareRepository shares, ViewerCache cache, ApiClient api, Clock clock) {
        this.db = db;
        this.relay = relay;
        this.shares = shares;
        this.cache = cache;
        this.api = api;
        this.clock = clock;
    }

    /** A new share request, validated by the HTTP layer. */
    public record NewShare(List<UUID> userIds, UUID conversationId, UUID groupId, int durationMinutes, Precision precision) {
    }

    public Share create(UUID owner, NewShare n) {
        Set<UUID> viewers = api.audience(owner, n.userIds(), n.conversationId(), n.groupId());
        Instant now = clock.instant();
        Share share = new Share(Ids.newId(), owner, n.userIds() == null ? List.of() : n.userIds(), n.conversationId(),
                n.groupId(), n.precision(), "manual", now, now.plus(Duration.ofMinutes(n.durationMinutes())), null, false);
        db.inTransaction(tx -> {
            shares.insert(tx, share, viewers);
            Outbox.add(tx, GeoEvents.domain(share.id(), "share.started", event(share)));
            return null;
        });
        committed(owner);
        return share;
    }

    /** An exact SOS share with the given viewers, inside the caller's transaction (call {@link #committed} after). */
    public Share startSos(DbExecute tx, UUID owner, Collection<UUID> viewers) {
        Instant now = clock.instant();
        Share share = new Share(Ids.newId(), owner, List.copyOf(viewers), null, null, Precision.EXACT, "sos", now,
                now.plus(Duration.ofMinutes(MAX_MINUTES)), null, false);
        shares.insert(tx, share, viewers);
        Outbox.add(tx, GeoEvents.domain(share.id(), "share.started", event(share)));
        return share;
    }

    public void addViewers(DbExecute tx, UUID shareId, Collection<UUID> viewers) {
        shares.addViewers(tx, shareId, viewers);
    }

    public void endInTx(DbExecute tx, UUID shareId) {
        shares.end(tx, shareId, clock.instant());
    }

    /** After a commit that changed the owner's shares or viewers. */
    public void committed(UUID owner) {
        relay.kick();
        cache.invalidate(owner);
    }

    public Map<String, List<Share>> list(UUID user) {
        DbExecute read = db.client().execute();
        return Map.of("mine", shares.owned(read, user, 200), "sharedWithMe", shares.visibleTo(read, user, 200));
    }

    /** A share its owner or one of its viewers may see; 404 for anyone else. */
    public Share get(UUID user, UUID id) {
        DbExecute read = db.client().execute();
        return shares.find(read, id).filter(s -> s.ownerId().equals(user) || shares.isViewer(read, id, user))
                .orElseThrow(() -> Problems.notFound("Share"));
    }

    public Share patch(UUID owner, UUID id, Optional<Integer> durationMinutes, Optional<Precision> precision,
                       Optional<Boolean> paused) {
        Share updated = db.inTransaction(tx -> {
            Share s = shares.lock(tx, id).filter(x -> x.ownerId().equals(owner)).orElseThrow(() -> Problems.notFound("Share"));
            Instant now = clock.instant();
            if (!s.active(now)) {
                throw Problems.conflict("The share has ended");
            }
            Instant expires = durationMinutes.map(m -> now.plus(Duration.ofMinutes(m))).orElse(s.expiresAt());
            Share next = new Share(s.id(), s.ownerId(), s.userIds(), s.conversationId(), s.groupId(),
                    precision.orElse(s.precision()), s.kind(), s.startedAt(), expires, null, paused.orElse(s.paused()));
            shares.update(tx, id, next.expiresAt(), next.precision(), next.paused());
            Outbox.add(tx, GeoEvents.domain(id, "share.updated", event(next)));
            return next;
        });
        committed(owner);
        return updated;
    }

    public void stop(UUID owner, UUID id) {
        db.inTransaction(tx -> {
            Share s = shares.lock(tx, id).filter(x -> x.ownerId().equals(owner)).orElseThrow(() -> Problems.notFound("Share"));
            shares.end(tx, s.id(), clock.instant());
            return null;
        });
        committed(owner);
    }

    public List<Map<String, Object>> viewers(UUID owner, UUID id) {
        DbExecute read = db.client().execute();
        shares.find(read, id).filter(s -> s.ownerId().equals(owner)).orElseThrow(() -> Problems.notFound("Share"));
        return shares.views(read, id);
    }

    public void recordViews(Collection<UUID> shareIds, UUID viewer) {
        shares.recordViews(db.client().execute(), shareIds, viewer);
    }

    // --- social changes (from api-server's events) ---

    /** Unfriend or block: neither sees the other through any share any more. */
    public void separate(UUID a, UUID b) {
        Set<UUID> owners = db.inTransaction(tx -> shares.separate(tx, a, b));
        owners.forEach(cache::invalidate);
        cache.invalidate(a);
        cache.invalidate(b);
    }

    /** {@code column}: conversation_id or group_id. */
    public void memberLeft(String column, UUID audienceId, UUID userId) {
        Set<UUID> owners = db.inTransaction(tx -> shares.leaveAudience(tx, column, audienceId, userId));
        owners.forEach(this::committed);
    }

    /** A member joined a conversation or group: they see its active shares, unless api-server says otherwise. */
    public void memberJoined(String column, UUID audienceId, UUID userId) {
        List<Share> open = shares.activeForAudience(db.client().execute(), column, audienceId);
        for (Share s : open) {
            if (s.ownerId().equals(userId)) {
                continue;
            }
            Set<UUID> members = column.equals("conversation_id")
                    ? api.audience(s.ownerId(), null, audienceId, null)
                    : api.audience(s.ownerId(), null, null, audienceId);
            if (members.contains(userId)) {
                db.inTransaction(tx -> {
                    shares.addViewers(tx, s.id(), List.of(userId));
                    return null;
                });
                committed(s.ownerId());
            }
        }
    }

    // --- the sweeper: ended and stale shares, announced once across instances ---

    /** One pass; returns how many shares it announced. */
    public int sweep(Duration staleAfter, java.util.function.Function<UUID, String> staleReason) {
        List<UUID> changed = new ArrayList<>();
        int n = db.inTransaction(tx -> {
            List<Event> events = new ArrayList<>();
            for (Share s : shares.claimEnded(tx, 200)) {
                List<UUID> viewers = shares.viewers(tx, s.id());
                events.add(GeoEvents.domain(s.id(), "share.ended", GeoEvents.data("shareId", s.id(), "ownerId", s.ownerId())));
                events.addAll(GeoEvents.notify(viewers, "location.ended", GeoEvents.data("shareId", s.id(), "userId", s.ownerId())));
                changed.add(s.ownerId());
            }
            List<Share> stale = shares.claimStale(tx, staleAfter.toSeconds(), 200);
            for (Share s : stale) {
                List<UUID> viewers = shares.viewers(tx, s.id());
                events.add(GeoEvents.domain(s.id(), "share.stale", GeoEvents.data("shareId", s.id(), "ownerId", s.ownerId())));
                events.addAll(GeoEvents.notify(viewers, "location.stale", GeoEvents.data("shareId", s.id(), "userId", s.ownerId(),
                        "staleReason", staleReason.apply(s.ownerId()))));
            }
            Outbox.addAll(tx, events);
            return changed.size() + stale.size();
        });
        if (n > 0) {
            relay.kick();
        }
        changed.forEach(cache::invalidate);
        return n;
    }

    public long activeCount() {
        return shares.activeCount(db.client().execute());
    }

    public void touch(UUID owner, Instant at) {
        shares.touch(db.client().execute(), owner, at);
    }

    /** Marks the live shares of every owner updated at its time, in one statement. */
    public void touchAll(Map<UUID, Instant> owners) {
        if (owners.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(owners.size());
        List<String> ats = new ArrayList<>(owners.size());
        owners.forEach((owner, at) -> {
            ids.add(owner);
            ats.add(at.toString());
        });
        shares.touchAll(db.client().execute(), ids, ats);
    }

    private static Map<String, Object> event(Share s) {
        return GeoEvents.data("shareId", s.id(), "ownerId", s.ownerId(), "precision", s.precision().wire(),
                "kind", s.kind(), "startedAt", s.startedAt(), "expiresAt", s.expiresAt(), "paused", s.paused());
    }
}
