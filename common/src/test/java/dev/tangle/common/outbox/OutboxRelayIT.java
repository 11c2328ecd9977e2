package dev.tangle.common.outbox;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.event.Event;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.NatsServerProcess;
import dev.tangle.common.test.TestInfra;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfoOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every committed outbox row reaches TANGLE_EVENTS exactly once, also across a NATS outage. */
class OutboxRelayIT {

    private static NatsServerProcess nats;
    private static ServiceInfra infra;

    @BeforeAll
    static void start() {
        nats = NatsServerProcess.start();
        Map<String, String> env = TestInfra.env(TestInfra.postgres(), TestInfra.postgres().newDatabase(), nats);
        infra = ServiceInfra.start(CommonConfig.from(TestInfra.settings(env), "relay-test", 0, "relay"), "relay");
    }

    @AfterAll
    static void stop() {
        infra.lifecycle().stop();
        nats.close();
    }

    @Test
    void committedEventsArePublishedOnceAndRolledBackOnesNever() throws Exception {
        UUID entity = UUID.randomUUID();
        List<Event> events = List.of(event(entity, 1), event(entity, 2), event(entity, 3));
        infra.db().inTransaction(tx -> {
            events.forEach(e -> Outbox.add(tx, e));
            return null;
        });
        try {
            infra.db().inTransaction(tx -> {
                Outbox.add(tx, event(entity, 99));
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the event of a rolled-back change must never be published
        }
        infra.outbox().kick();
        Set<String> ids = awaitEventIds(entity, 3);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(events.stream().map(Event::id).toList());
        assertOutboxEmpty();
    }

    @Test
    void eventsCommittedWhileNatsIsDownArePublishedOnceWhenItReturns() throws Exception {
        UUID entity = UUID.randomUUID();
        nats.stop();
        List<Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Event e = event(entity, i);
            events.add(e);
            infra.db().inTransaction(tx -> {
                Outbox.add(tx, e);
                return null;
            });
            infra.outbox().kick();
        }
        nats.restart();
        Set<String> ids = awaitEventIds(entity, 50);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(events.stream().map(Event::id).toList());
        assertOutboxEmpty();
    }

    @Test
    void aRowCommittedLateWithAnIdOlderThanWhatWasPublishedIsStillPublished() throws Exception {
        UUID entity = UUID.randomUUID();
        Event newer = event(entity, 1);
        infra.db().inTransaction(tx -> {
            Outbox.add(tx, newer);
            return null;
        });
        infra.outbox().kick();
        awaitEventIds(entity, 1);
        // as if its transaction had been open for 10 s: its UUIDv7 id is older than the newest published one
        UUID newest = UUID.fromString(newer.id());
        UUID old = new UUID(((newest.getMostSignificantBits() >>> 16) - 10_000) << 16 | (7L << 12), newest.getLeastSignificantBits());
        Event straggler = new Event(newer.specversion(), old.toString(), newer.source(), newer.type(), newer.subject(),
                newer.time(), newer.datacontenttype(), Map.of("n", 2), newer.natsSubject());
        infra.db().inTransaction(tx -> {
            Outbox.add(tx, straggler);
            return null;
        });
        infra.outbox().kick();
        Set<String> ids = awaitEventIds(entity, 2);
        assertThat(ids).containsExactlyInAnyOrder(newer.id(), straggler.id());
        assertOutboxEmpty();
    }

    private static Event event(UUID entity, int n) {
        return Event.of("relay-test", "test", entity, "happened", Map.of("n", n));
    }

    /** Waits until the stream holds {@code expected} messages for the entity, then checks no more arrive. */
    private static Set<String> awaitEventIds(UUID entity, int expected) throws Exception {
        String subject = "tangle.evt.test." + entity + ".happened";
        Await.until(Duration.ofSeconds(30), expected + " events on " + subject,
                () -> count(subject) >= expected);
        infra.outbox().kick();
        Await.until(Duration.ofSeconds(5), "outbox to drain", () -> outboxRows() == 0);
        assertThat(count(subject)).isEqualTo(expected);
        JetStreamManagement jsm = infra.nats().connection().jetStreamManagement();
        Set<String> ids = new HashSet<>();
        long seq = 0;
        for (int i = 0; i < expected; i++) {
            MessageInfo info = jsm.getNextMessage(Streams.EVENTS, seq + 1, subject);
            seq = info.getSeq();
            ids.add(Json.tree(info.getData()).get("id").asText());
        }
        assertThat(ids).hasSize(expected);
        return ids;
    }

    private static long count(String subject) {
        try {
            var info = infra.nats().connection().jetStreamManagement()
                    .getStreamInfo(Streams.EVENTS, StreamInfoOptions.filterSubjects(subject));
            return info.getStreamState().getSubjectMap().values().stream().mapToLong(Long::longValue).sum();
        } catch (java.io.IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long outboxRows() {
        return infra.db().client().execute().get("SELECT count(*) AS n FROM outbox")
                .map(r -> dev.tangle.common.db.Rows.longValue(r, "n")).orElseThrow();
    }

    private static void assertOutboxEmpty() {
        assertThat(outboxRows()).isZero();
    }
}
