package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.tangle.tools.cli.CliException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from zonky's embedded binaries, with its data in {@code .tangle/pg} (kept across restarts) on a
 * remembered port, holding the database {@code tangle}. PostgreSQL's own output goes to {@code logs/postgres.log}.
 *
 * <p>Durable: zonky starts the postmaster with {@code -F} (fsync off) and {@code synchronous_commit=off}, its test
 * defaults, under which a crash loses commits that were already acknowledged. {@link #DURABLE} turns {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} back on (they win over {@code -F}: later on the command
 * line); sends stay fast through group commit (ADR 0020).
 */
final class DevPostgres implements AutoCloseable {

    static final String DATABASE = "tangle";
    private static final String USER = "postgres";
    /** Settings without which a committed, acknowledged transaction can be lost in a crash. */
    static final java.util.Map<String, String> DURABLE = java.util.Map.of(
            "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    private final EmbeddedPostgres postgres;

    private DevPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static DevPostgres start(Workspace workspace) {
        PidFile.alive(workspace.postmasterPid()).ifPresent(leftover -> {
            throw new CliException("a PostgreSQL from an earlier run (pid " + leftover.pid() + ") still uses "
                                   + workspace.pgData() + ": stop it with 'kill " + leftover.pid() + "' and try again");
        });
        int port = Ports.remembered(workspace.rememberedPort("postgres"));
        Path log = workspace.log("postgres");
        try {
            Files.createDirectories(workspace.pgData());
            var redirect = ProcessBuilder.Redirect.appendTo(log.toFile());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            DURABLE.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(workspace.pgData())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(redirect)
                    .setErrorRedirector(redirect)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
            DevPostgres started = new DevPostgres(postgres);
            started.createDatabase();
            return started;
        } catch (IOException | RuntimeException e) {
            throw new CliException("PostgreSQL did not start (" + e.getMessage() + "); see " + log, e);
        }
    }

    DbConnection connection() {
        return new DbConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE, USER, "");
    }

    /** Creates the database unless it exists, with pg_stat_statements for looking into query costs. */
    private void createDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            boolean present;
            try (ResultSet rs = exists.executeQuery()) {
                present = rs.next();
            }
            if (!present) {
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
        DbConnection db = connection();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement statement = c.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create pg_stat_statements in " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** Fast shutdown: disconnects clients, checkpoints, exits. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
