package dev.tangle.common.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.tangle.common.test.PostgresProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durable test PostgreSQL really is durable (zonky's {@code -F} and {@code synchronous_commit=off} are
 * overridden), and every transaction whose commit returned survives a crash ({@code pg_ctl stop -m immediate}).
 * The fast kind says what it is.
 */
class PostgresDurabilityIT {

    @Test
    void theDurableServerFlushesCommitsAndKeepsThemThroughACrash() throws SQLException {
        try (PostgresProcess pg = PostgresProcess.startDurable()) {
            assertThat(pg.setting("fsync")).isEqualTo("on");
            assertThat(pg.setting("synchronous_commit")).isEqualTo("on");
            assertThat(pg.setting("full_page_writes")).isEqualTo("on");
            String url = pg.newDatabase();
            int committed = 0;
            try (Connection c = DriverManager.getConnection(url, pg.user(), "")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE acked (n int PRIMARY KEY)");
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO acked VALUES (?)")) {
                    for (; committed < 500; committed++) {
                        insert.setInt(1, committed);
                        insert.executeUpdate(); // autocommit: the commit returned
                    }
                }
            }
            pg.crash();
            assertThat(pg.running()).isFalse();
            pg.restart();
            try (Connection c = DriverManager.getConnection(url, pg.user(), "");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM acked")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(committed);
            }
        }
    }

    @Test
    void theFastServerIsNotDurable() {
        try (PostgresProcess pg = PostgresProcess.start()) {
            assertThat(pg.durable()).isFalse();
            assertThat(pg.setting("fsync")).isEqualTo("off");
            assertThat(pg.setting("synchronous_commit")).isEqualTo("off");
        }
    }
}
