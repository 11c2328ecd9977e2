package dev.tangle.common.test;

import java.util.HashMap;
import java.util.Map;

import dev.tangle.common.config.Settings;

/**
 * The real PostgreSQL and NATS that integration tests share, started once per test JVM on first use and
 * stopped when it exits. Tests that stop a dependency on purpose start their own with
 * {@link PostgresProcess#start()} or {@link NatsServerProcess#start()} instead. The shared PostgreSQL is the fast
 * kind (fsync off, for speed; it is never crashed): tests that crash PostgreSQL or prove durability start their
 * own with {@link PostgresProcess#startDurable()}.
 */
public final class TestInfra {

    private static PostgresProcess postgres;
    private static NatsServerProcess nats;

    private TestInfra() {
    }

    public static synchronized PostgresProcess postgres() {
        if (postgres == null) {
            postgres = PostgresProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop));
        }
        return postgres;
    }

    public static synchronized NatsServerProcess nats() {
        if (nats == null) {
            nats = NatsServerProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(nats::stop));
        }
        return nats;
    }

    /** Environment for a service on a fresh database of the shared PostgreSQL, the shared NATS and a free port. */
    public static Map<String, String> env() {
        return env(postgres(), postgres().newDatabase(), nats());
    }

    /** Environment for a service against the given servers and database. */
    public static Map<String, String> env(PostgresProcess pg, String jdbcUrl, NatsServerProcess natsServer) {
        Map<String, String> env = new HashMap<>();
        env.put("TANGLE_DB_URL", jdbcUrl);
        env.put("TANGLE_DB_USER", pg.user());
        env.put("TANGLE_NATS_URL", natsServer.url());
        env.put("TANGLE_PORT", "0");
        env.put("TANGLE_HTTP_HOST", "127.0.0.1");
        env.put("TANGLE_SHUTDOWN_TIMEOUT", "10s");
        return env;
    }

    /** Settings for a service from an environment map. */
    public static Settings settings(Map<String, String> env) {
        return Settings.of(env);
    }
}
