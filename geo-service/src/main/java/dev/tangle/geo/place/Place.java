package dev.tangle.geo.place;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.tangle.geo.support.LatLon;

/** A circular place. */
public record Place(UUID id, UUID ownerId, UUID groupId, String name, double lat, double lon, double radiusM,
                    int dwellSeconds, Instant createdAt, Instant updatedAt) {

    public LatLon center() {
        return new LatLon(lat, lon);
    }

    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("ownerId", ownerId);
        v.put("groupId", groupId);
        v.put("name", name);
        v.put("lat", lat);
        v.put("lon", lon);
        v.put("radiusM", radiusM);
        v.put("dwellSeconds", dwellSeconds);
        v.put("createdAt", createdAt);
        v.put("updatedAt", updatedAt);
        return v;
    }

    @Override
    public String toString() {
        return "Place[" + id + "]";
    }
}
