package dev.tangle.geo.map.index;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One location-tagged thing on the memory map.
 *
 * @param kind         a post, or a media item (opt-in photo GPS)
 * @param id           the post's or media item's id
 * @param authorId     who posted it (the media's owner)
 * @param audience     who may see it, as the feed decides (docs/adr/0030)
 * @param groupId      the group of a {@link Audience#GROUP} item, else null
 * @param lat          stored latitude (already snapped for approximate posts)
 * @param lon          stored longitude
 * @param createdAt    when it was posted or taken
 * @param previewOther for a post its first media id, for a media item the post attaching it; may be null
 */
public record MapItem(Kind kind, UUID id, UUID authorId, Audience audience, UUID groupId, double lat, double lon,
                      Instant createdAt, UUID previewOther) {

    public enum Kind {
        POST, MEDIA;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Audience {
        PUBLIC, FRIENDS, PRIVATE, GROUP
    }

    public MapItem {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
        Objects.requireNonNull(authorId);
        Objects.requireNonNull(audience);
        Objects.requireNonNull(createdAt);
        if (audience == Audience.GROUP && groupId == null) {
            throw new IllegalArgumentException("a group item needs its groupId");
        }
    }

    long createdAtMillis() {
        return createdAt.toEpochMilli();
    }
}
