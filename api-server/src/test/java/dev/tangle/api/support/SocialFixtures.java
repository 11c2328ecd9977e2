package dev.tangle.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes friendships, blocks and groups straight into the api schema, for tests of features that read the
 * social graph without depending on the social graph's endpoints.
 */
public final class SocialFixtures {

    private final ApiTestServer api;

    public SocialFixtures(ApiTestServer api) {
        this.api = api;
    }

    /** Both directions, as the friendships table stores them. */
    public void friends(TestUser a, TestUser b) {
        update("INSERT INTO api.friendships (user_id, friend_id) VALUES (?, ?), (?, ?)", a.id(), b.id(), b.id(), a.id());
    }

    public void block(TestUser blocker, TestUser blocked) {
        update("INSERT INTO api.blocks (blocker_id, blocked_id) VALUES (?, ?)", blocker.id(), blocked.id());
    }

    /** A group owned by {@code owner}; returns its id. */
    public UUID group(TestUser owner, String visibility) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO api.groups (id, name, visibility, created_by) VALUES (?, 'g', ?, ?)", id, visibility, owner.id());
        member(id, owner, "owner");
        return id;
    }

    public void member(UUID groupId, TestUser user, String role) {
        update("INSERT INTO api.group_members (group_id, user_id, role) VALUES (?, ?, ?)", groupId, user.id(), role);
    }

    /** Runs one statement with the given parameters. */
    public void update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(api.env().get("TANGLE_DB_URL"), api.env().get("TANGLE_DB_USER"), "");
    }
}
