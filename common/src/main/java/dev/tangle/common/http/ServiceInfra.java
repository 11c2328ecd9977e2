package dev.tangle.common.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.db.Database;
import dev.tangle.common.health.HealthCheck;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.lifecycle.Lifecycle;
import dev.tangle.common.metrics.Metrics;
import dev.tangle.common.nats.NatsClient;
import dev.tangle.common.outbox.OutboxRelay;

/**
 * What every service starts with, built in order and registered for reverse-order shutdown:
 * metrics, PostgreSQL (own schema, migrated), NATS (streams ensured), the outbox relay.
 *
 * @param config    shared configuration
 * @param metrics   the service's meters
 * @param db        its PostgreSQL, or null for a service without a schema (socket-server)
 * @param nats      its NATS connection
 * @param outbox    relay of its outbox table, or null without a database
 * @param lifecycle ordered shutdown
 */
public record ServiceInfra(CommonConfig config, Metrics metrics, Database db, NatsClient nats, OutboxRelay outbox,
                           Lifecycle lifecycle) {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param metricsPrefix short name in meter names: {@code api}, {@code socket}, {@code geo}, {@code media}
     */
    public static ServiceInfra start(CommonConfig config, String metricsPrefix) {
        HttpJson.maxBodyBytes(config.http().maxBodyBytes());
        Lifecycle lifecycle = new Lifecycle(config.service(), config.shutdownTimeout());
        Metrics metrics = Metrics.create(metricsPrefix);
        try {
            Database db = null;
            if (config.db() != null) {
                db = Database.open(config.db(), metrics.registry(), STARTUP_TIMEOUT);
                lifecycle.onStop("postgresql pool", db);
            }
            NatsClient nats = NatsClient.connect(config.nats(), config.instanceId(), STARTUP_TIMEOUT);
            lifecycle.onStop("nats drain", nats);
            OutboxRelay outbox = null;
            if (db != null) {
                outbox = new OutboxRelay(db, nats.jetStream(), metrics, Duration.ofSeconds(1));
                lifecycle.onStop("outbox relay", outbox);
            }
            return new ServiceInfra(config, metrics, db, nats, outbox, lifecycle);
        } catch (RuntimeException e) {
            lifecycle.stop();
            throw e;
        }
    }

    public List<HealthCheck> healthChecks() {
        List<HealthCheck> checks = new ArrayList<>();
        if (db != null) {
            checks.add(db.healthCheck());
        }
        checks.add(nats.healthCheck());
        return checks;
    }
}
