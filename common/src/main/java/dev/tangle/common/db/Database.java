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
    private final String schema;
    private final ConnectionGuard guard;

    private Database(HikariDataSource dataSource, String schema, ConnectionGuard guard) {
        this.dataSource = dataSource;
        this.schema = schema;
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
        String poolName = "tangle-" + config.schema();
        ConnectionGuard guard = new ConnectionGuard(config.url(), config.user(), config.password(), poolName,
                config.acquireTimeout());
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        // a fixed-size pool (HikariCP's advice): no connection is opened on demand while a request waits, which on
        // a busy machine (argon2 hashing on every core) took longer than the acquisition timeout
        hikari.setMinimumIdle(config.poolSize());
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
        long statementMillis = config.statementTimeout().toMillis();
        if (statementMillis > 0) {
            hikari.addDataSourceProperty("options", "-c statement_timeout=" + statementMillis);
            // a server that stopped answering (not just refused) is noticed after the statement timeout too
            hikari.addDataSourceProperty("socketTimeout", Long.toString(statementMillis / 1000 + 5));
        }
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            awaitReachable(dataSource, config.url(), startupTimeout);
            ensureSchema(dataSource, config.schema());
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(config.schema())
                    .defaultSchema(config.schema())
                    .locations("classpath:db/common", "classpath:db/" + config.schema())
                    .initSql("SET statement_timeout = 0")
                    .load()
                    .migrate();
            return new Database(dataSource, config.schema(), guard);
        } catch (RuntimeException e) {
            dataSource.close();
            guard.close();
            throw e;
        }
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
        return schema;
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
                    return new Result(false, Map.of("schema", schema, "error", "PostgreSQL is unreachable"));
                }
                try (Connection c = dataSource.getConnection()) {
                    boolean valid = c.isValid(1);
                    var pool = dataSource.getHikariPoolMXBean();
                    return new Result(valid, Map.of(
                            "schema", schema,
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
