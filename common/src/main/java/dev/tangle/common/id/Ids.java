package dev.tangle.common.id;

import java.util.Optional;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** UUIDv7 ids: time-ordered, so they index well and sort by creation. On the wire they are strings. */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID newId() {
        return GENERATOR.generate();
    }

    /** Parses a canonical UUID string; anything else is empty (callers turn that into 400 or 404). */
    public static Optional<UUID> parse(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The smallest UUIDv7 of a time: every id made at or after it sorts at or above it (for time-range scans on ids). */
    public static UUID floor(java.time.Instant time) {
        return new UUID((time.toEpochMilli() << 16) | 0x7000L, 0x8000000000000000L);
    }
}
