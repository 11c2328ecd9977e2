package dev.tangle.api.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Shortcuts of the fault and hostile-input suites. */
final class Faults {

    private Faults() {
    }

    static UUID groupConversation(HttpTestClient http, TestUser creator, TestUser... members) {
        List<String> ids = new ArrayList<>();
        for (TestUser m : members) {
            ids.add(m.id().toString());
        }
        var res = http.post("/v1/conversations", Map.of("kind", "group", "title", "t", "memberIds", ids), creator.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return UUID.fromString(res.json().get("id").asText());
    }

    /** The first column of every row of a query on a test server's database. */
    static List<Long> longs(Map<String, String> env, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(env.get("TANGLE_DB_URL"), env.get("TANGLE_DB_USER"), "");
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
