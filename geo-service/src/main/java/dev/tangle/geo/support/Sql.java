package dev.tangle.geo.support;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.tangle.common.db.Repository;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbRow;

/** Column readers the common {@link Rows} does not have; part of the repositories (they read JDBC arrays). */
@Repository
public final class Sql {

    private Sql() {
    }

    public static List<UUID> uuids(DbRow row, String column) {
        Object value = Rows.raw(row, column);
        if (value == null) {
            return List.of();
        }
        Object[] items;
        try {
            items = value instanceof Array array ? (Object[]) array.getArray() : (Object[]) value;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + column, e);
        }
        List<UUID> ids = new ArrayList<>(items.length);
        for (Object item : items) {
            ids.add(item instanceof UUID u ? u : UUID.fromString(item.toString()));
        }
        return ids;
    }
}
