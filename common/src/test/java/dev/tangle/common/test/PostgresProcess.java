package dev.tangle.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries, PG 18) on a free port. Each test class takes its own
 * database from {@link #newDatabase()}, so tests never see each other's rows. It can be stopped and started
 * again on the same port and data, to test what happens while PostgreSQL is away, or crashed
 * ({@link #crash()}, what {@code pg_ctl stop -m immediate} does) to test what survives.
 *
 * <p>Two kinds. {@link #start()} is <em>fast</em>: {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} off, so a commit does not wait for the disk. It is for tests that need speed and never
 * crash the server; a crash of it may lose committed transactions. {@link #startDurable()} has all three on, as
 * production and {@code ./tangle dev} do: tests that prove nothing acknowledged is lost use it. (zonky itself
 * starts the postmaster with {@code -F}, fsync off, and {@code synchronous_commit=off}; both are overridden here.)
 */
public final class PostgresProcess implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dataDir;
    private final int port;
    private final boolean durable;
    private EmbeddedPostgres postgres;

    private PostgresProcess(Path dataDir, int port, boolean durable) {
        this.dataDir = dataDir;
        this.port = port;
        this.durable = durable;
    }

    /** A fast server: commits are not flushed to disk (for tests that never crash it). */
    public static PostgresProcess start() {
        return start(false);
    }

    /** A durable server: fsync, synchronous_commit and full_page_writes on, so a crash loses no commit. */
    public static PostgresProcess startDurable() {
        return start(true);
    }

    private static PostgresProcess start(boolean durable) {
        try {
            PostgresProcess pg = new PostgresProcess(Files.createTempDirectory("tangle-pg-"), FreePorts.next(), durable);
            pg.restart();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void restart() {
        if (postgres != null) {
            return;
        }
        String onOff = durable ? "on" : "off";
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", onOff)
                    .setServerConfig("synchronous_commit", onOff)
                    .setServerConfig("full_page_writes", onOff)
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = null;
    }

    /**
     * Crashes the server as {@code pg_ctl stop -m immediate} does (SIGQUIT to the postmaster: every backend exits
     * at once, no checkpoint, clients see their connections drop), and waits until it is gone. {@link #restart()}
     * then runs crash recovery from the WAL.
     */
    public synchronized void crash() {
        if (postgres == null) {
            return;
        }
        long pid = postmasterPid();
        signal("QUIT", pid);
        ProcessHandle.of(pid).ifPresent(p -> {
            Await.until(Duration.ofSeconds(30), "postmaster " + pid + " to exit", () -> !p.isAlive());
        });
        try {
            postgres.close(); // its pg_ctl stop finds no server; this releases zonky's lock on the data directory
        } catch (IOException | RuntimeException ignored) {
            // already gone: nothing to stop
        }
        postgres = null;
    }

    /** Whether the server runs (between {@link #restart()} and {@link #stop()} or {@link #crash()}). */
    public synchronized boolean running() {
        return postgres != null;
    }

    public boolean durable() {
        return durable;
    }

    private long postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return Long.parseLong(lines.getFirst().trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + dataDir, e);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return "postgres";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** The value of a server setting, such as {@code fsync}. */
    public String setting(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT current_setting('" + name.replace("'", "") + "')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read setting " + name, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
