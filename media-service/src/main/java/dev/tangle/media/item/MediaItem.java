package dev.tangle.media.item;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A media item as stored.
 *
 * @param id          UUIDv7
 * @param ownerId     who uploaded it
 * @param kind        {@code image} or {@code video}
 * @param contentType the original's type, detected from its bytes
 * @param filename    the name the client gave, if any (never used to decide anything)
 * @param size        bytes of the original
 * @param status      {@code processing}, {@code ready}, {@code failed} or {@code deleted}
 * @param failure     why processing failed (a reason code), or null
 * @param width       upright width in pixels, once known
 * @param height      upright height in pixels, once known
 * @param durationMs  a video's duration
 * @param blurhash    a placeholder string for images and video posters
 * @param location    GPS read from EXIF, kept only when the owner asked ({@code useLocation=true}); else null
 * @param variants    the re-encoded renditions by name
 * @param createdAt   upload time
 */
public record MediaItem(UUID id, UUID ownerId, String kind, String contentType, String filename, long size,
                        String status, String failure, Integer width, Integer height, Long durationMs, String blurhash,
                        GeoPoint location, Map<String, Variant> variants, Instant createdAt) {

    public static final String PROCESSING = "processing";
    public static final String READY = "ready";
    public static final String FAILED = "failed";
    public static final String DELETED = "deleted";

    /** The blob key of a variant ({@code original} included). */
    public static String key(UUID id, String variant) {
        return "media/" + id + "/" + variant;
    }

    public static String prefix(UUID id) {
        return "media/" + id + "/";
    }

    public boolean deleted() {
        return DELETED.equals(status);
    }

    /**
     * @param lat WGS84 degrees
     * @param lon WGS84 degrees
     */
    public record GeoPoint(double lat, double lon) {
    }
}
