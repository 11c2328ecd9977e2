package dev.tangle.geo.location;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.geo.share.Precision;
import dev.tangle.geo.share.Share;
import dev.tangle.geo.share.ShareService;
import dev.tangle.geo.support.GeoGrid;

/**
 * {@code GET /v1/location/live}: everyone sharing with the caller, with the last location at the precision the
 * caller has, and {@code live | stale | paused | ended} with a reason when stale. Reading it is recorded as a view.
 */
public final class LiveStatus {

    private final ShareService shares;
    private final LocationStore store;
    private final PresenceReader presence;
    private final Clock clock;
    private final Duration staleAfter;
    private final int lowBatteryPct;

    public LiveStatus(ShareService shares, LocationStore store, PresenceReader presence, Clock clock, Duration staleAfter,
                      int lowBatteryPct) {
        this.shares = shares;
        this.store = store;
        this.presence = presence;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.lowBatteryPct = lowBatteryPct;
    }

    public List<Map<String, Object>> live(UUID viewer) {
        Instant now = clock.instant();
        Map<UUID, Share> best = new LinkedHashMap<>();
        for (Share s : shares.list(viewer).get("sharedWithMe")) {
            best.merge(s.ownerId(), s, (a, b) -> rank(a, now) >= rank(b, now) ? a : b);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        List<UUID> viewed = new ArrayList<>();
        for (Share s : best.values()) {
            items.add(item(s, now));
            if (s.active(now)) {
                viewed.add(s.id());
            }
        }
        shares.recordViews(viewed, viewer);
        return items;
    }

    private static int rank(Share s, Instant now) {
        return (s.active(now) ? 4 : 0) + (s.active(now) && !s.paused() ? 2 : 0) + (s.precision() == Precision.EXACT ? 1 : 0);
    }

    private Map<String, Object> item(Share s, Instant now) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("userId", s.ownerId());
        v.put("shareId", s.id());
        v.put("precision", s.precision().wire());
        LastLocation last = s.active(now) ? store.get(s.ownerId()).orElse(null) : null;
        boolean exact = s.precision() == Precision.EXACT;
        v.put("lat", last == null ? null : exact ? last.lat() : last.cellLat());
        v.put("lon", last == null ? null : exact ? last.lon() : last.cellLon());
        v.put("accuracyM", last == null ? null : exact ? last.accuracyM() : Double.valueOf(GeoGrid.APPROXIMATE_ACCURACY_M));
        v.put("at", last == null ? null : last.at());
        v.put("expiresAt", s.expiresAt());
        if (!s.active(now)) {
            v.put("status", "ended");
        } else if (s.paused()) {
            v.put("status", "paused");
            v.put("staleReason", "sharing_paused");
        } else if (last == null || last.receivedAt().isBefore(now.minus(staleAfter))) {
            v.put("status", "stale");
            v.put("staleReason", reason(s.ownerId(), last));
        } else {
            v.put("status", "live");
        }
        return v;
    }

    /** Why a sharer went quiet, from what is known now. */
    public String reasonFor(UUID owner) {
        return reason(owner, store.get(owner).orElse(null));
    }

    /** Why a sharer went quiet: no socket anywhere, a low battery at the last update, or simply no updates. */
    String reason(UUID owner, LastLocation last) {
        if (!presence.connected(owner)) {
            return "offline";
        }
        if (last != null && last.batteryPct() != null && last.batteryPct() <= lowBatteryPct) {
            return "low_battery";
        }
        return "no_updates";
    }
}
