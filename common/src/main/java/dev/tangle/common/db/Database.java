package dev.tangle.common.db;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.tangle.common.config.CommonConfig.DbConfig;
import dev.tangle.common.health.HealthCheck;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;

/**
 * A service's PostgreSQL: a HikariCP pool whose connections default to the service's own schema, the schema
 * migrated by Flyway at start-up ({@code classpath:db/<schema>} plus the shared {@code classpath:db/common}),
 * and a Helidon {@link DbClient} over the pool for all queries.
 */
public final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final HikariDataSource dataSource;
    private final DbClient client;
    private final DbConfig config;
    private final MeterRegistry registry;
    private final ConnectionGuard guard;

    private Database(HikariDataSource dataSource, DbConfig config, MeterRegistry registry, ConnectionGuard guard) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.guard = guard;
        JdbcConnectionPool pool = () -> {
            try {
                guard.check();
                return dataSource.getConnection();
            } catch (SQLException e) {
                guard.observe(e);
                throw new DbClientException("No PostgreSQL connection: " + e.getMessage(), e);
            }
        };
        this.client = JdbcClientBuilder.create().connectionPool(pool).build();
    }

    /**
     * Opens the pool, waits up to {@code startupTimeout} for PostgreSQL to answer, and migrates the schema.
     * A connection is waited for at most {@link DbConfig#acquireTimeout()}, a statement runs at most
     * {@link DbConfig#statementTimeout()} (not migrations), so a request fails in bounded time when PostgreSQL is
     * away ({@link DbFailures}: 503 {@code unavailable}).
     */
    public static Database open(DbConfig config, MeterRegistry registry, Duration startupTimeout) {
        Database db = pool(config, registry, "tangle-" + config.schema(), config.poolSize(), Map.of());
        try {
            awaitReachable(db.dataSource, config.url(), startupTimeout);
            ensureSchema(db.dataSource, config.schema());
            Flyway.configure()
                    .dataSource(db.dataSource)
                    .schemas(config.schema())
                    .defaultSchema(config.schema())
                    .locations("classpath:db/common", "classpath:db/" + config.schema())
                    .initSql("SET statement_timeout = 0")
                    .load()
                    .migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * A second, fixed-size pool on the same schema for one job whose sessions need settings of their own (each
     * {@code name=value} is set for the whole session, e.g. the chat writer's {@code plan_cache_mode}, ADR 0150), so
     * the job pays no round trip per transaction to set them. The caller closes it; migrations stay with this pool.
     */
    public Database sessionPool(String purpose, int size, Map<String, String> settings) {
        return pool(config, registry, "tangle-" + config.schema() + "-" + purpose, size, settings);
    }

    private static Database pool(DbConfig config, MeterRegistry registry, String poolName, int size,
                                 Map<String, String> settings) {
        ConnectionGuard guard = new ConnectionGuard(config.url(), config.user(), config.password(), poolName,
                config.acquireTimeout());
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(size);
        // a fixed-size pool (HikariCP's advice): no connection is opened on demand while a request waits, which on
        // a busy machine (argon2 hashing on every core) took longer than the acquisition timeout
        hikari.setMinimumIdle(size);
        hikari.setSchema(config.schema());
        hikari.setPoolName(poolName);
        long acquireMillis = config.acquireTimeout().toMillis();
        hikari.setConnectionTimeout(acquireMillis);
        hikari.setValidationTimeout(Math.max(250, Math.min(1_000, acquireMillis / 2)));
        hikari.setInitializationFailTimeout(-1);
        hikari.setThreadFactory(guard);
        // DbClient binds UUIDs and other non-JDBC types as strings; let PostgreSQL infer their column types.
        hikari.addDataSourceProperty("stringtype", "unspecified");
        long connectSeconds = Math.max(1, (acquireMillis + 999) / 1000);
        hikari.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
        hikari.addDataSourceProperty("loginTimeout", Long.toString(connectSeconds));
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        StringBuilder options = new StringBuilder();
        settings.forEach((name, value) -> options.append(" -c ").append(name).append('=').append(value));
        long statementMillis = config.statementTimeout().toMillis();
        if (statementMillis > 0) {
            options.append(" -c statement_timeout=").append(statementMillis);
            // a server that stopped answering (not just refused) is noticed after the statement timeout too
            hikari.addDataSourceProperty("socketTimeout", Long.toString(statementMillis / 1000 + 5));
        }
        if (!options.isEmpty()) {
            hikari.addDataSourceProperty("options", options.toString().strip());
        }
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new Database(new HikariDataSource(hikari), config, registry, guard);
    }

    private static void awaitReachable(DataSource dataSource, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL at " + url + " did not answer within " + timeout, e);
                }
                LOG.log(Level.INFO, "Waiting for PostgreSQL at " + url + ": " + e.getMessage());
            }
        }
    }

    // Flyway creates missing schemas too, but a concurrent start of two instances races on CREATE SCHEMA.
    private static void ensureSchema(DataSource dataSource, String schema) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 0"); // another instance may hold the lock for a long migration
            s.execute("SELECT pg_advisory_lock(hashtext('tangle.schema." + schema + "'))");
            try {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            } finally {
                s.execute("SELECT pg_advisory_unlock(hashtext('tangle.schema." + schema + "'))");
                s.execute("RESET statement_timeout");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + schema, e);
        }
    }

    public DbClient client() {
        return client;
    }

    /** The pool, for what DbClient does not cover (COPY, LISTEN, batch inserts in benchmarks). */
    public DataSource dataSource() {
        return dataSource;
    }

    public String schema() {
        return config.schema();
    }

    /**
     * Runs work in one transaction: committed if it returns, rolled back if it throws. A connection that breaks
     * during the COMMIT leaves the outcome unknown: {@link CommitOutcomeUnknownException}.
     */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = client.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            guard.observe(e);
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        try {
            tx.commit();
        } catch (RuntimeException e) {
            guard.observe(e);
            if (DbFailures.isConnectionFailure(e)) {
                throw new CommitOutcomeUnknownException(e);
            }
            throw e;
        }
        return result;
    }

    /**
     * Runs work in autocommit, each statement its own transaction (one round trip, one WAL flush for a write); a
     * connection failure is noticed as in {@link #inTransaction}.
     */
    public <T> T autocommit(Function<DbExecute, T> work) {
        try {
            return work.apply(client.execute());
        } catch (RuntimeException | Error e) {
            guard.observe(e);
            throw e;
        }
    }

    /** Whether PostgreSQL is known to be unreachable right now (requests are refused without waiting). */
    public boolean unreachable() {
        return guard.down();
    }

    /** Readiness: PostgreSQL answers a query within the health timeout. */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "postgresql";
            }

            @Override
            public Result check() throws SQLException {
                if (guard.down()) {
                    return new Result(false, Map.of("schema", config.schema(), "error", "PostgreSQL is unreachable"));
                }
                try (Connection c = dataSource.getConnection()) {
                    boolean valid = c.isValid(1);
                    var pool = dataSource.getHikariPoolMXBean();
                    return new Result(valid, Map.of(
                            "schema", config.schema(),
                            "activeConnections", pool == null ? 0 : pool.getActiveConnections(),
                            "idleConnections", pool == null ? 0 : pool.getIdleConnections()));
                } catch (SQLException e) {
                    guard.observe(e);
                    throw e;
                }
            }
        };
    }

    @Override
    public void close() {
        guard.close();
        dataSource.close();
    }
}
