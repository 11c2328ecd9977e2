package dev.tangle.common.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Configuration every service shares.
 *
 * @param service         service name, e.g. {@code api-server}
 * @param instanceId      name of this instance in logs and NATS connection names ({@code instance.id})
 * @param http            HTTP listener settings
 * @param db              PostgreSQL settings, or null for a service that owns no data (socket-server)
 * @param nats            NATS settings
 * @param shutdownTimeout hard limit for an orderly shutdown ({@code shutdown.timeout}, default 20s)
 */
public record CommonConfig(String service,
                           String instanceId,
                           HttpConfig http,
                           DbConfig db,
                           NatsConfig nats,
                           Duration shutdownTimeout) {

    /**
     * Reads the shared keys.
     *
     * @param settings   where values come from
     * @param service    service name
     * @param portOffset this service's offset from {@code port.base} (api 0, socket 1, geo 2, media 3)
     * @param schema     the PostgreSQL schema this service owns, or null if it uses no database
     */
    public static CommonConfig from(Settings settings, String service, int portOffset, String schema) {
        String instance = settings.string("instance.id", service + "-" + ProcessHandle.current().pid());
        return new CommonConfig(service,
                instance,
                HttpConfig.from(settings, portOffset),
                schema == null ? null : DbConfig.from(settings, schema),
                NatsConfig.from(settings),
                settings.duration("shutdown.timeout", Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(5)));
    }

    /**
     * HTTP listener.
     *
     * @param host         bind address ({@code http.host}, default 0.0.0.0)
     * @param port         port ({@code port}; default {@code port.base} + the service's offset; 0 picks a free port)
     * @param maxBodyBytes largest request body accepted before 413 ({@code http.max-body}, default 1MiB)
     */
    public record HttpConfig(String host, int port, long maxBodyBytes) {
        static HttpConfig from(Settings s, int portOffset) {
            int base = s.integer("port.base", 8080, 1, 65535 - 10);
            int port = s.integer("port", base + portOffset, 0, 65535);
            return new HttpConfig(s.string("http.host", "0.0.0.0"), port,
                    s.bytes("http.max-body", 1024 * 1024, 1024, 512L * 1024 * 1024));
        }

        public HttpConfig withPort(int newPort) {
            return new HttpConfig(host, newPort, maxBodyBytes);
        }
    }

    /**
     * PostgreSQL.
     *
     * @param url      JDBC URL ({@code db.url}, default jdbc:postgresql://127.0.0.1:5432/tangle)
     * @param user     user ({@code db.user}, default tangle)
     * @param password password ({@code db.password}, or read from the file named by {@code db.password-file})
     * @param poolSize largest number of pooled connections ({@code db.pool-size}, default 16)
     * @param schema   the schema this service owns and migrates
     * @param acquireTimeout   longest wait for a pooled connection before 503 ({@code db.acquire-timeout}, default 1s)
     * @param statementTimeout longest statement before it is cancelled, 503 ({@code db.statement-timeout},
     *                         default 5s; 0 for none; migrations have none)
     */
    public record DbConfig(String url, String user, String password, int poolSize, String schema,
                           Duration acquireTimeout, Duration statementTimeout) {
        static DbConfig from(Settings s, String schema) {
            String url = s.string("db.url", "jdbc:postgresql://127.0.0.1:5432/tangle");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw s.invalid("db.url", url, "must start with jdbc:postgresql:");
            }
            Optional<String> password = s.optionalString("db.password")
                    .or(() -> s.readableFile("db.password-file").map(Secrets::read));
            return new DbConfig(url, s.string("db.user", "tangle"), password.orElse(""),
                    s.integer("db.pool-size", 16, 1, 500), schema,
                    s.duration("db.acquire-timeout", Duration.ofSeconds(1), Duration.ofMillis(250), Duration.ofMinutes(1)),
                    s.duration("db.statement-timeout", Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1)));
        }

        public DbConfig withSchema(String otherSchema) {
            return new DbConfig(url, user, password, poolSize, otherSchema, acquireTimeout, statementTimeout);
        }
    }

    /**
     * NATS.
     *
     * @param url            server URL(s), comma separated ({@code nats.url}, default nats://127.0.0.1:4222)
     * @param eventsReplicas replicas of the streams created at start-up ({@code nats.replicas}, default 1; 3 in a cluster)
     */
    public record NatsConfig(String url, int eventsReplicas) {
        static NatsConfig from(Settings s) {
            String url = s.string("nats.url", "nats://127.0.0.1:4222");
            if (!url.startsWith("nats://") && !url.startsWith("tls://")) {
                throw s.invalid("nats.url", url, "must start with nats:// or tls://");
            }
            return new NatsConfig(url, s.integer("nats.replicas", 1, 1, 5));
        }
    }
}
