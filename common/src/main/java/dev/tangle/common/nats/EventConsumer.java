package dev.tangle.common.nats;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;

/**
 * A durable JetStream consumer of {@code TANGLE_EVENTS} shared by every instance of a service (pull, explicit ack):
 * each event reaches one instance, at least once, so handlers must be idempotent. It keeps trying to attach while
 * NATS is away. A handler that throws gets the event again a second later; a malformed event (not JSON, or a
 * handler's {@link IllegalArgumentException}) is terminated, not retried forever.
 */
public final class EventConsumer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventConsumer.class.getName());

    private final Connection connection;
    private final String durable;
    private final String filter;
    private final DeliverPolicy deliverPolicy;
    private final BiConsumer<String, JsonNode> handler;
    private final Predicate<String> wanted;
    private final Thread starter;
    private volatile MessageConsumer consumer;
    private volatile boolean running = true;

    /**
     * @param deliverPolicy where a consumer created for the first time starts ({@code All}: from the stream's start)
     * @param handler       gets the NATS subject and the whole event envelope
     */
    public EventConsumer(Connection connection, String durable, String filter, DeliverPolicy deliverPolicy,
                         BiConsumer<String, JsonNode> handler) {
        this(connection, durable, filter, deliverPolicy, subject -> true, handler);
    }

    /**
     * As above; an event whose subject {@code wanted} refuses is acknowledged without being parsed or handled (a
     * consumer that has nothing to do right now).
     */
    public EventConsumer(Connection connection, String durable, String filter, DeliverPolicy deliverPolicy,
                         Predicate<String> wanted, BiConsumer<String, JsonNode> handler) {
        this.wanted = wanted;
        this.connection = connection;
        this.durable = durable;
        this.filter = filter;
        this.deliverPolicy = deliverPolicy;
        this.handler = handler;
        this.starter = Thread.ofVirtual().name("consumer-" + durable).start(this::start);
    }

    /** Whether the consumer is receiving (tests wait for it). */
    public boolean ready() {
        return consumer != null;
    }

    private void start() {
        long backoff = 250;
        while (running && consumer == null) {
            try {
                connection.jetStreamManagement().addOrUpdateConsumer(Streams.EVENTS, ConsumerConfiguration.builder()
                        .durable(durable).filterSubject(filter).ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(deliverPolicy).ackWait(Duration.ofSeconds(30)).maxAckPending(10_000).build());
                consumer = connection.getConsumerContext(Streams.EVENTS, durable).consume(this::handle);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Consumer " + durable + " not ready, retrying: " + e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void handle(Message message) {
        try {
            if (!wanted.test(message.getSubject())) {
                message.ack();
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Handling " + message.getSubject() + " failed, will retry: " + e.getMessage());
            message.nakWithDelay(Duration.ofSeconds(1));
            return;
        }
        JsonNode envelope;
        try {
            envelope = Json.tree(message.getData());
        } catch (RuntimeException malformed) {
            LOG.log(Level.WARNING, "Ignoring malformed event on " + message.getSubject());
            message.term();
            return;
        }
        try {
            handler.accept(message.getSubject(), envelope);
            message.ack();
        } catch (IllegalArgumentException malformed) {
            LOG.log(Level.WARNING, "Ignoring malformed event on " + message.getSubject() + ": " + malformed.getMessage());
            message.term();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Handling " + message.getSubject() + " failed, will retry: " + e.getMessage());
            message.nakWithDelay(Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        running = false;
        starter.interrupt();
        MessageConsumer c = consumer;
        if (c != null) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Stopping " + durable + ": " + e.getMessage());
            }
        }
    }
}
