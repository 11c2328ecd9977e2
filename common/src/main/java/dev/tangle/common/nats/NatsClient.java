package dev.tangle.common.nats;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tangle.common.config.CommonConfig.NatsConfig;
import dev.tangle.common.health.HealthCheck;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * A named NATS connection that reconnects forever (also when the server is down at start-up), with the
 * streams and buckets of {@link Streams} created idempotently once it is connected — and again after every
 * reconnect, since a restarted server has lost its memory-stored buckets and one that lost its store has lost
 * everything (ADR 0066). Readiness is down while any of them is missing.
 */
public final class NatsClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NatsClient.class.getName());

    private static final Duration RECOVERY_RETRY = Duration.ofMillis(500);
    private static final int OUTGOING_QUEUE = 65_536;

    private final Connection connection;
    private final JetStream jetStream;
    private final Recovery recovery;

    private NatsClient(Connection connection, Recovery recovery) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.recovery = recovery;
    }

    /**
     * Connects, waiting up to {@code startupTimeout} for a server to answer, then ensures the streams and buckets.
     */
    public static NatsClient connect(NatsConfig config, String connectionName, Duration startupTimeout) {
        Recovery recovery = new Recovery(connectionName, config.eventsReplicas());
        Options options = new Options.Builder()
                .servers(config.url().split(","))
                .connectionName(connectionName)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(Duration.ofSeconds(5))
                .reconnectBufferSize(8L * 1024 * 1024)
                // jnats refuses a publish once this many wait for its writer thread (default 5,000): at 15,000
                // sockets on 2 cores bursts of location updates and presence writes reached it while the writer
                // waited for a CPU, and the refused frame closed its socket 1011
                .maxMessagesInOutgoingQueue(OUTGOING_QUEUE)
                .connectionListener(recovery)
                .errorListener(new ErrorListener() {
                    @Override
                    public void exceptionOccurred(Connection conn, Exception exp) {
                        LOG.log(Level.DEBUG, "NATS " + connectionName + ": " + exp);
                    }

                    @Override
                    public void slowConsumerDetected(Connection conn, Consumer consumer) {
                        LOG.log(Level.WARNING, "NATS " + connectionName + ": a slow consumer dropped messages");
                        recovery.gap();
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
            NatsClient client = new NatsClient(connection, recovery);
            Streams.ensure(connection, config.eventsReplicas());
            return client;
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("Cannot set up NATS at " + config.url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to NATS", e);
        }
    }

    /**
     * Runs after every reconnect, once the streams and buckets are there again: for state a service keeps in
     * them and must write again (presence, instance heartbeats).
     */
    public void onRecovered(Runnable action) {
        recovery.actions.add(action);
    }

    /**
     * Runs at once, on the thread that noticed, whenever core subscriptions may have missed messages: the
     * connection dropped or came back, or a subscriber fell so far behind that the client dropped messages.
     */
    public void onSubscriptionGap(Runnable action) {
        recovery.gapActions.add(action);
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
            public Result check() throws TimeoutException, InterruptedException, IOException, JetStreamApiException {
                Connection.Status status = connection.getStatus();
                if (status != Connection.Status.CONNECTED) {
                    return Result.down(Map.of("status", status.name()));
                }
                connection.flush(Duration.ofSeconds(1));
                List<String> missing = Streams.missing(connection);
                if (!missing.isEmpty()) {
                    recovery.start(connection);
                    return Result.down(Map.of("status", status.name(), "missing", missing));
                }
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

    /**
     * Logs connection events and, after a reconnect, ensures the streams and buckets (retrying until JetStream
     * answers) and then runs the {@link #onRecovered} actions. One recovery at a time; a reconnect during one
     * makes it run again.
     */
    private static final class Recovery implements ConnectionListener {

        private final String name;
        private final int replicas;
        private final List<Runnable> actions = new CopyOnWriteArrayList<>();
        private final List<Runnable> gapActions = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private volatile boolean again;

        Recovery(String name, int replicas) {
            this.name = name;
            this.replicas = replicas;
        }

        @Override
        public void connectionEvent(Connection conn, Events event) {
            boolean connected = event == Events.CONNECTED || event == Events.RECONNECTED;
            LOG.log(connected ? Level.INFO : Level.WARNING, "NATS " + name + ": " + event.getEvent());
            if (event == Events.DISCONNECTED || event == Events.RECONNECTED || event == Events.RESUBSCRIBED) {
                gap();
            }
            if (event == Events.RECONNECTED) {
                start(conn);
            }
        }

        void gap() {
            gapActions.forEach(Runnable::run);
        }

        void start(Connection conn) {
            again = true;
            if (running.compareAndSet(false, true)) {
                Thread.ofVirtual().name("nats-recovery-" + name).start(() -> run(conn));
            }
        }

        private void run(Connection conn) {
            try {
                while (again && conn.getStatus() != Connection.Status.CLOSED) {
                    again = false;
                    if (!ensure(conn)) {
                        again = true;
                        Thread.sleep(RECOVERY_RETRY);
                        continue;
                    }
                    for (Runnable action : actions) {
                        try {
                            action.run();
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "NATS " + name + ": recovery action failed", e);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.set(false);
                if (again && conn.getStatus() == Connection.Status.CONNECTED) {
                    start(conn);
                }
            }
        }

        private boolean ensure(Connection conn) {
            if (conn.getStatus() != Connection.Status.CONNECTED) {
                return false;
            }
            try {
                List<String> missing = Streams.missing(conn);
                if (!missing.isEmpty()) {
                    LOG.log(Level.WARNING, "NATS " + name + ": recreating " + missing + " after the server lost them");
                    Streams.ensure(conn, replicas);
                }
                return true;
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                LOG.log(Level.INFO, "NATS " + name + ": JetStream not ready yet, retrying: " + e.getMessage());
                return false;
            }
        }
    }
}
