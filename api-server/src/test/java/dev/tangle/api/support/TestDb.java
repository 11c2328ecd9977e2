package dev.tangle.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.id.Ids;

/**
 * Direct SQL on a test server's database, for fixtures that would be slow through the API (an account without
 * an argon2 hash) and for checking what is stored.
 */
public final class TestDb implements AutoCloseable {

    private final Connection connection;

    public TestDb(Map<String, String> env) {
        try {
            this.connection = DriverManager.getConnection(env.get("TANGLE_DB_URL"), env.get("TANGLE_DB_USER"), "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An account that cannot log in (its hash matches no password), for being acted upon. */
    public UUID bareUser() {
        UUID id = Ids.newId();
        update("INSERT INTO api.users (id, handle, display_name, password_hash) VALUES (?, ?, ?, 'none')",
                id, "bare_" + id.toString().replace("-", "").substring(16), "Bare");
        return id;
    }

    public UUID pendingRequest(UUID from, UUID to) {
        UUID id = Ids.newId();
        update("INSERT INTO api.friend_requests (id, from_user_id, to_user_id, status) VALUES (?, ?, ?, 'pending')", id, from, to);
        return id;
    }

    public void friends(UUID a, UUID b) {
        update("INSERT INTO api.friendships (user_id, friend_id) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING", a, b, b, a);
    }

    public void member(UUID groupId, UUID userId, String role) {
        update("INSERT INTO api.group_members (group_id, user_id, role) VALUES (?, ?, ?) "
               + "ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role", groupId, userId, role);
    }

    public int update(String sql, Object... params) {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
