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

    private Database(HikariDataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
        JdbcConnectionPool pool = () -> {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new DbClientException("No PostgreSQL connection: " + e.getMessage(), e);
            }
        };
        this.client = JdbcClientBuilder.create().connectionPool(pool).build();
    }

    /**
     * Opens the pool, waits up to {@code startupTimeout} for PostgreSQL to answer, and migrates the schema.
     */
    public static Database open(DbConfig config, MeterRegistry registry, Duration startupTimeout) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setSchema(config.schema());
        hikari.setPoolName("tangle-" + config.schema());
        hikari.setConnectionTimeout(3_000);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(-1);
        // DbClient binds UUIDs and other non-JDBC types as strings; let PostgreSQL infer their column types.
        hikari.addDataSourceProperty("stringtype", "unspecified");
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
                    .load()
                    .migrate();
            return new Database(dataSource, config.schema());
        } catch (RuntimeException e) {
            dataSource.close();
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
            s.execute("SELECT pg_advisory_lock(hashtext('tangle.schema." + schema + "'))");
            try {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            } finally {
                s.execute("SELECT pg_advisory_unlock(hashtext('tangle.schema." + schema + "'))");
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

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = client.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        tx.commit();
        return result;
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
                try (Connection c = dataSource.getConnection()) {
                    boolean valid = c.isValid(2);
                    var pool = dataSource.getHikariPoolMXBean();
                    return new Result(valid, Map.of(
                            "schema", schema,
                            "activeConnections", pool == null ? 0 : pool.getActiveConnections(),
                            "idleConnections", pool == null ? 0 : pool.getIdleConnections()));
                }
            }
        };
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
