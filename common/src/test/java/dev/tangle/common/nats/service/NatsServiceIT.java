package dev.tangle.common.nats.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.NatsServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service adapter against a real nats-server: typed calls, the error model across NATS, bounds, discovery. */
class NatsServiceIT {

    record Greet(String name, int times) {
    }

    record Greeting(String text) {
    }

    static final Operation<Greet, Greeting> GREET = Operation.of("test", "greet", Greet.class, Greeting.class);
    static final Operation<Greet, Greeting> SLOW = Operation.of("test", "slow", Greet.class, Greeting.class);
    static final Operation<Greet, Greeting> PARKED = Operation.of("test", "parked", Greet.class, Greeting.class);
    static final Operation<Greet, Greeting> OWN_THREAD = Operation.of("test", "own-thread", Greet.class, Greeting.class);
    static final Operation<Greet, Greeting> NOBODY = Operation.of("test", "nobody", Greet.class, Greeting.class);

    private static NatsServerProcess nats;
    private static Connection connection;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final CountDownLatch slowStarted = new CountDownLatch(2);
    private static final CountDownLatch unpark = new CountDownLatch(1);
    private static final CountDownLatch parkedStarted = new CountDownLatch(3);
    private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private static NatsService service;

    @BeforeAll
    static void start() throws Exception {
        nats = NatsServerProcess.start();
        connection = Nats.connect(nats.url());
        service = NatsService.builder(connection, "tangle-test", "1.0.0").queue("test").maxConcurrency(2)
                .meters(meters)
                .endpoint(GREET, q -> {
                    if (q.name() == null || q.name().isBlank()) {
                        throw Problems.validation("name", "is required");
                    }
                    if (q.name().equals("boom")) {
                        throw new IllegalStateException("a bug");
                    }
                    return new Greeting("hello " + q.name().repeat(q.times()));
                })
                .endpoint(SLOW, q -> {
                    slowStarted.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Greeting("late " + q.name());
                })
                .endpoint(PARKED, q -> {
                    parkedStarted.countDown();
                    try {
                        unpark.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Greeting("parked " + q.name());
                }, 3)
                .endpointOnOwnThread(OWN_THREAD, q -> {
                    if (q.name() == null) {
                        throw Problems.validation("name", "is required");
                    }
                    return new Greeting((Thread.currentThread().isVirtual() ? "virtual " : "platform ") + q.name());
                })
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        connection.close();
        nats.close();
    }

    private final NatsServiceClient client = new NatsServiceClient(connection, Duration.ofSeconds(2));

    @Test
    void aTypedCallGetsItsTypedReply() {
        assertThat(client.call(GREET, new Greet("ab", 2)).text()).isEqualTo("hello abab");
    }

    @Test
    void aValidationFailureCrossesWithItsCodeAndField() {
        assertThatThrownBy(() -> client.call(GREET, new Greet(" ", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("validation_failed");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.fieldErrors()).extracting(ApiException.FieldError::field).containsExactly("name");
                });
    }

    @Test
    void errorRepliesCarryTheMicroServiceHeaders() throws Exception {
        Message reply = connection.request(GREET.subject(), "{\"name\":\"boom\",\"times\":1}".getBytes(),
                Duration.ofSeconds(2));
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("500");
        assertThat(Json.tree(reply.getData()).path("code").asText()).isEqualTo("internal_error");
        assertThat(Json.tree(reply.getData()).path("detail").asText()).doesNotContain("a bug");
    }

    @Test
    void malformedAndMistypedRequestsAreClientErrors() throws Exception {
        Message garbage = connection.request(GREET.subject(), "{nope".getBytes(), Duration.ofSeconds(2));
        assertThat(Json.tree(garbage.getData()).path("code").asText()).isEqualTo("malformed_json");
        Message mistyped = connection.request(GREET.subject(), "{\"name\":\"x\",\"times\":\"many\"}".getBytes(),
                Duration.ofSeconds(2));
        JsonNode body = Json.tree(mistyped.getData());
        assertThat(body.path("code").asText()).isEqualTo("validation_failed");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("times");
    }

    @Test
    void nobodyListeningIsUnavailable() {
        assertThatThrownBy(() -> client.call(NOBODY, new Greet("x", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("unavailable"));
    }

    @Test
    void overTheConcurrencyBoundIsAnsweredUnavailableAtOnce() throws Exception {
        List<CompletableFuture<Greeting>> held = new ArrayList<>();
        held.add(client.request(SLOW, new Greet("a", 1)));
        held.add(client.request(SLOW, new Greet("b", 1)));
        // Wait until both permits are taken: the third call must be refused, not queued.
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).as("two slow requests in flight").isTrue();
        long before = System.nanoTime();
        assertThatThrownBy(() -> client.call(SLOW, new Greet("c", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("unavailable"));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        release.countDown();
        for (CompletableFuture<Greeting> f : held) {
            assertThat(f.get(5, TimeUnit.SECONDS).text()).startsWith("late ");
        }
        assertThat(meters.find("tangle.nats.service.request").tag("op", "slow").tag("code", "unavailable")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void anEndpointWithItsOwnBoundTakesMoreThanTheSharedOneAndLeavesTheSharedOneFree() throws Exception {
        List<CompletableFuture<Greeting>> held = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) { // over the shared bound of 2
            held.add(client.request(PARKED, new Greet(name, 1)));
        }
        assertThat(parkedStarted.await(5, TimeUnit.SECONDS)).as("three parked requests in flight").isTrue();
        assertThat(client.call(GREET, new Greet("x", 1)).text()).isEqualTo("hello x"); // the shared permits are free
        assertThatThrownBy(() -> client.call(PARKED, new Greet("d", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("unavailable"));
        unpark.countDown();
        for (CompletableFuture<Greeting> f : held) {
            assertThat(f.get(5, TimeUnit.SECONDS).text()).startsWith("parked ");
        }
    }

    @Test
    void anOwnThreadEndpointAnswersOnAPlatformThreadWithTheSameErrorModelAndIsDiscovered() throws Exception {
        assertThat(client.call(OWN_THREAD, new Greet("x", 1)).text()).isEqualTo("platform x");
        assertThatThrownBy(() -> client.call(OWN_THREAD, new Greet(null, 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.fieldErrors()).extracting(ApiException.FieldError::field).containsExactly("name");
                });
        Message garbage = connection.request(OWN_THREAD.subject(), "{nope".getBytes(), Duration.ofSeconds(2));
        assertThat(garbage.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("400");
        Message info = connection.request("$SRV.INFO.tangle-test", new byte[0], Duration.ofSeconds(2));
        assertThat(info.getData()).asString().contains("tangle.svc.test.own-thread");
    }

    @Test
    void discoveryListsTheServiceAndItsEndpoints() throws Exception {
        Message info = connection.request("$SRV.INFO.tangle-test", new byte[0], Duration.ofSeconds(2));
        JsonNode body = Json.tree(info.getData());
        assertThat(body.path("name").asText()).isEqualTo("tangle-test");
        List<String> subjects = new ArrayList<>();
        body.path("endpoints").forEach(e -> subjects.add(e.path("subject").asText()));
        assertThat(subjects).contains("tangle.svc.test.greet", "tangle.svc.test.slow");
    }
}
