package dev.tangle.socket.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's value in the {@code tangle_presence} bucket (key {@code u.<userId>}).
 *
 * @param status    what the user chose: online, away, dnd, invisible
 * @param text      custom status text, or null
 * @param expiresAt when status and text fall back to online without text, or null
 * @param instances socket-server instances holding at least one of the user's sessions
 */
public record PresenceEntry(String status, String text, Instant expiresAt, List<String> instances) {

    public static final String OFFLINE = "offline";

    static PresenceEntry empty() {
        return new PresenceEntry("online", null, null, List.of());
    }

    PresenceEntry withInstance(String instance, boolean present) {
        List<String> list = new ArrayList<>(instances == null ? List.of() : instances);
        list.remove(instance);
        if (present) {
            list.add(instance);
        }
        return new PresenceEntry(status, text, expiresAt, List.copyOf(list));
    }

    PresenceEntry withStatus(String newStatus, String newText, Instant newExpiresAt) {
        return new PresenceEntry(newStatus, newText, newExpiresAt, instances);
    }

    boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** What friends see: offline without live instances or when invisible; online once a custom status expired. */
    Shown shown(Instant now, List<String> liveInstances) {
        if (liveInstances.isEmpty() || "invisible".equals(status)) {
            return new Shown(OFFLINE, null);
        }
        return expired(now) ? new Shown("online", null) : new Shown(status, text);
    }

    /** Presence as a friend sees it. */
    record Shown(String status, String text) {
    }
}
