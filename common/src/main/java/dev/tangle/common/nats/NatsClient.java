package dev.tangle.common.nats;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.tangle.common.config.CommonConfig.NatsConfig;
import dev.tangle.common.health.HealthCheck;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * A named NATS connection that reconnects forever (also when the server is down at start-up), with the
 * streams and buckets of {@link Streams} created idempotently once it is connected.
 */
public final class NatsClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NatsClient.class.getName());

    private final Connection connection;
    private final JetStream jetStream;

    private NatsClient(Connection connection) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
    }

    /**
     * Connects, waiting up to {@code startupTimeout} for a server to answer, then ensures the streams and buckets.
     */
    public static NatsClient connect(NatsConfig config, String connectionName, Duration startupTimeout) {
        Options options = new Options.Builder()
                .servers(config.url().split(","))
                .connectionName(connectionName)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(Duration.ofSeconds(5))
                .reconnectBufferSize(8L * 1024 * 1024)
                .connectionListener(loggingListener(connectionName))
                .errorListener(new ErrorListener() {
                    @Override
                    public void exceptionOccurred(Connection conn, Exception exp) {
                        LOG.log(Level.DEBUG, "NATS " + connectionName + ": " + exp);
                    }
                })
                .build();
        try {
            Connection connection = Nats.connectReconnectOnConnect(options);
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            while (connection.getStatus() != Connection.Status.CONNECTED) {
                if (System.nanoTime() > deadline) {
                    connection.close();
                    throw new IllegalStateException("NATS at " + config.url() + " did not answer within " + startupTimeout);
                }
                Thread.sleep(50);
            }
            NatsClient client = new NatsClient(connection);
            Streams.ensure(connection, config.eventsReplicas());
            return client;
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("Cannot set up NATS at " + config.url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to NATS", e);
        }
    }

    private static ConnectionListener loggingListener(String name) {
        return (conn, event) -> LOG.log(event == ConnectionListener.Events.CONNECTED
                                        || event == ConnectionListener.Events.RECONNECTED ? Level.INFO : Level.WARNING,
                "NATS " + name + ": " + event.getEvent());
    }

    public Connection connection() {
        return connection;
    }

    public JetStream jetStream() {
        return jetStream;
    }

    /** Readiness: connected, and the server answers a round trip. */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "nats";
            }

            @Override
            public Result check() throws TimeoutException, InterruptedException {
                Connection.Status status = connection.getStatus();
                if (status != Connection.Status.CONNECTED) {
                    return Result.down(Map.of("status", status.name()));
                }
                connection.flush(Duration.ofSeconds(1));
                return Result.up(Map.of("status", status.name(), "server", String.valueOf(connection.getConnectedUrl())));
            }
        };
    }

    /** Drains subscriptions and pending publishes, then closes. */
    @Override
    public void close() {
        try {
            if (connection.getStatus() == Connection.Status.CONNECTED) {
                connection.drain(Duration.ofSeconds(5)).get();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "NATS drain did not complete: " + e.getMessage());
        } finally {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
