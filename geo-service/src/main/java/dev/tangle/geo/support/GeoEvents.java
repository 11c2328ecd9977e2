package dev.tangle.geo.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.event.Event;

/**
 * The events geo-service writes to its outbox (docs/events.md): domain events on
 * {@code tangle.evt.geo.<entityId>.<event>} and notifications on {@code tangle.evt.user.<userId>.notification},
 * which socket-server delivers as {@code {type:"notification", kind, ...}}.
 */
public final class GeoEvents {

    public static final String SOURCE = "geo-service";

    private GeoEvents() {
    }

    /** A domain event about a share, place, alert or check-in. */
    public static Event domain(UUID entityId, String event, Map<String, Object> data) {
        return Event.of(SOURCE, "geo", entityId, event, data);
    }

    /** The same notification to each recipient. */
    public static List<Event> notify(Collection<UUID> recipients, String kind, Map<String, Object> fields) {
        List<Event> events = new ArrayList<>(recipients.size());
        for (UUID recipient : recipients) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("kind", kind);
            data.putAll(fields);
            events.add(Event.of(SOURCE, "user", recipient, "notification", data));
        }
        return events;
    }

    /** An ordered map that allows null values, for event data. */
    public static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
