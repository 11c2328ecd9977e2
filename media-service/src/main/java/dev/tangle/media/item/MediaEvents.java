package dev.tangle.media.item;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.event.Event;
import dev.tangle.common.id.Ids;
import dev.tangle.common.nats.Subjects;

/**
 * The events and job media-service writes to its outbox (docs/events.md): {@code tangle.job.media.process},
 * {@code tangle.evt.media.<id>.ready|failed|deleted} and the owner's {@code tangle.evt.user.<id>.notification}.
 */
public final class MediaEvents {

    public static final String SERVICE = "media-service";
    public static final String JOB_KIND = "media.process";

    private MediaEvents() {
    }

    /** The processing job of a new upload: {@code {mediaId}}. */
    public static Event job(UUID mediaId) {
        return new Event("1.0", Ids.newId().toString(), "/tangle/" + SERVICE, "tangle.job." + JOB_KIND,
                mediaId.toString(), Instant.now(), "application/json", Map.of("mediaId", mediaId.toString()),
                Subjects.job(JOB_KIND));
    }

    /** {@code tangle.evt.media.<id>.ready}: the item's metadata, and its GPS when the owner kept it. */
    public static Event ready(MediaItem m) {
        Map<String, Object> data = summary(m);
        if (m.location() != null) {
            data.put("location", Map.of("lat", m.location().lat(), "lon", m.location().lon()));
        }
        return Event.of(SERVICE, "media", m.id(), "ready", data);
    }

    public static Event failed(MediaItem m, String reason) {
        Map<String, Object> data = summary(m);
        data.put("reason", reason);
        return Event.of(SERVICE, "media", m.id(), "failed", data);
    }

    public static Event deleted(MediaItem m) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mediaId", m.id().toString());
        data.put("ownerId", m.ownerId().toString());
        return Event.of(SERVICE, "media", m.id(), "deleted", data);
    }

    /** {@code {kind:"media.ready"|"media.failed", mediaId}} to the owner's sockets. */
    public static Event notification(MediaItem m, String kind) {
        return Event.of(SERVICE, "user", m.ownerId(), "notification", Map.of("kind", kind, "mediaId", m.id().toString()));
    }

    private static Map<String, Object> summary(MediaItem m) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mediaId", m.id().toString());
        data.put("ownerId", m.ownerId().toString());
        data.put("kind", m.kind());
        data.put("contentType", m.contentType());
        data.put("width", m.width());
        data.put("height", m.height());
        data.put("durationMs", m.durationMs());
        data.put("blurhash", m.blurhash());
        return data;
    }
}
