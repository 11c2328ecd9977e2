package dev.tangle.tools.dev;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tangle.common.config.ConfigException;
import dev.tangle.common.config.Settings;
import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Service;

/**
 * What the launcher reads from its environment. Every other {@code TANGLE_*} variable passes through to the
 * services unchanged.
 *
 * @param portBase        port of api-server; the others follow at +1, +2, +3 ({@code TANGLE_PORT_BASE}, default 8080)
 * @param bindHost        address the services listen on ({@code TANGLE_HTTP_HOST}, default 127.0.0.1)
 * @param externalDb      a PostgreSQL to use instead of the embedded one ({@code TANGLE_DB_URL}, {@code TANGLE_DB_USER},
 *                        {@code TANGLE_DB_PASSWORD})
 * @param externalNats    a NATS to use instead of starting nats-server ({@code TANGLE_NATS_URL})
 * @param readyTimeout    how long every service has to become ready ({@code TANGLE_DEV_READY_TIMEOUT}, default 90s)
 * @param shutdownTimeout each service's own shutdown limit ({@code TANGLE_SHUTDOWN_TIMEOUT}, default 10s here)
 * @param javaOptions     JVM options of the service processes ({@code TANGLE_DEV_JAVA_OPTS})
 */
public record DevSettings(int portBase,
                          String bindHost,
                          Optional<DbConnection> externalDb,
                          Optional<String> externalNats,
                          Duration readyTimeout,
                          Duration shutdownTimeout,
                          List<String> javaOptions) {

    /** Small heaps and the quick JIT tier: four JVMs and their start-up share a laptop. */
    static final String DEFAULT_JAVA_OPTIONS = "-XX:+UseSerialGC -Xmx1g";

    public static DevSettings from(Map<String, String> env) {
        try {
            Settings s = Settings.of(env);
            Optional<DbConnection> db = s.optionalString("db.url").map(url -> new DbConnection(url,
                    s.string("db.user", "tangle"), s.string("db.password", "")));
            return new DevSettings(
                    s.integer("port.base", 8080, 1, 65535 - 10),
                    s.string("http.host", "127.0.0.1"),
                    db,
                    s.optionalString("nats.url"),
                    s.duration("dev.ready-timeout", Duration.ofSeconds(90), Duration.ofSeconds(1), Duration.ofMinutes(30)),
                    s.duration("shutdown.timeout", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5)),
                    List.of(s.string("dev.java-opts", DEFAULT_JAVA_OPTIONS).trim().split("\\s+")));
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The host in URLs: a wildcard bind address is reached on the loopback. */
    public String urlHost() {
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]") ? "127.0.0.1" : bindHost;
    }

    public int port(Service service) {
        return portBase + service.portOffset();
    }
}
