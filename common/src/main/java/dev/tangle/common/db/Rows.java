package dev.tangle.common.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.helidon.dbclient.DbRow;

/**
 * Column reading and parameter binding that hide the JDBC driver's type choices: {@code timestamptz} may come
 * back as {@link Timestamp} or {@link OffsetDateTime}, and {@link Instant} cannot be bound directly.
 */
public final class Rows {

    private Rows() {
    }

    /** The column's value, or null for SQL NULL (in Helidon 4.1.2 DbColumn#get() and #asOptional() throw on NULL). */
    public static Object raw(DbRow row, String column) {
        return row.column(column).get(Object.class);
    }

    public static UUID uuid(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    public static Optional<UUID> optionalUuid(DbRow row, String column) {
        return Optional.ofNullable(uuid(row, column));
    }

    public static String string(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? null : value.toString();
    }

    public static long longValue(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? 0L : ((Number) value).longValue();
    }

    public static int intValue(DbRow row, String column) {
        return (int) longValue(row, column);
    }

    public static boolean bool(DbRow row, String column) {
        Object value = raw(row, column);
        return value != null && (Boolean) value;
    }

    public static Double optionalDouble(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    public static Instant instant(DbRow row, String column) {
        return toInstant(raw(row, column));
    }

    public static Instant toInstant(Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case Instant i -> i;
            case java.util.Date d -> d.toInstant();
            default -> throw new IllegalArgumentException("Not a timestamp: " + value.getClass());
        };
    }

    /** A bind value for a {@code timestamptz} parameter. */
    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A bind value for {@code = ANY(?::uuid[])}. */
    public static String uuidArray(java.util.Collection<UUID> ids) {
        StringBuilder sb = new StringBuilder("{");
        for (UUID id : ids) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(id);
        }
        return sb.append('}').toString();
    }

    /**
     * A PostgreSQL array literal of any element type, bound as a string and cast in SQL ({@code ?::text[]},
     * {@code ?::uuid[]}, {@code ?::float8[]} …): every element quoted with backslash escapes, null elements as
     * {@code NULL}. With {@code unnest} it gives batch statements one text whatever the batch size, so each is
     * prepared once instead of planned anew for every size.
     */
    public static String array(java.util.Collection<?> values) {
        String[] texts = new String[values.size()];
        int length = 2;
        int n = 0;
        for (Object value : values) {
            texts[n] = value == null ? null : value.toString();
            length += (texts[n] == null ? 4 : texts[n].length() + 2) + 1;
            n++;
        }
        StringBuilder sb = new StringBuilder(length + 16).append('{');
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                sb.append(',');
            }
            String text = texts[k];
            if (text == null) {
                sb.append("NULL");
                continue;
            }
            sb.append('"');
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append(text, start, i).append('\\');
                    start = i;
                }
            }
            sb.append(text, start, text.length()).append('"');
        }
        return sb.append('}').toString();
    }

}
