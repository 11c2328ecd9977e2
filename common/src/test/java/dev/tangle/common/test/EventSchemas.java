package dev.tangle.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.tangle.common.json.Json;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;

/**
 * The JSON Schemas of the event payloads next to docs/events.md ({@code docs/events/<CloudEvents type>.schema.json}
 * plus {@code envelope.schema.json}), and a listener that checks every event published on {@code tangle.evt.>}
 * while it runs: the envelope, and the data against the schema of its {@code type}. An event without a schema is
 * a violation too.
 */
public final class EventSchemas {

    private final Schema envelope;
    private final Map<String, Schema> byType = new ConcurrentHashMap<>();

    private EventSchemas(Path dir) {
        this.envelope = load(dir.resolve("envelope.schema.json"));
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith("tangle.")).forEach(f -> byType.put(
                    f.getFileName().toString().replace(".schema.json", ""), load(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schemas of the repository ({@code docs/events} found from the module's directory upwards). */
    public static EventSchemas ofRepository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("events");
            if (Files.isRegularFile(candidate.resolve("envelope.schema.json"))) {
                return new EventSchemas(candidate);
            }
        }
        throw new IllegalStateException("docs/events not found above " + Path.of("").toAbsolutePath());
    }

    /** The event types that have a schema. */
    public Set<String> types() {
        return Set.copyOf(byType.keySet());
    }

    /** What is wrong with one published event (the CloudEvents JSON); empty when it conforms. */
    public List<String> violations(JsonNode event) {
        List<String> problems = new ArrayList<>(JsonSchemas.violations(envelope, event));
        String type = event.path("type").asText();
        Schema data = byType.get(type);
        if (data == null) {
            problems.add("no schema docs/events/" + type + ".schema.json");
        } else {
            JsonSchemas.violations(data, event.path("data")).forEach(v -> problems.add("data " + v));
        }
        return problems.stream().map(p -> type + ": " + p).toList();
    }

    /** Starts checking every event published on the NATS server at {@code natsUrl}. */
    public Listener listen(String natsUrl) {
        return new Listener(natsUrl);
    }

    private static Schema load(Path file) {
        try {
            return JsonSchemas.compile(Json.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks events while open; {@link #close()} fails when any of them broke its schema. */
    public final class Listener implements AutoCloseable {

        private final Connection connection;
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> seen = new ConcurrentHashMap<>();

        private Listener(String natsUrl) {
            try {
                connection = Nats.connect(natsUrl);
                Dispatcher dispatcher = connection.createDispatcher(msg -> {
                    JsonNode event;
                    try {
                        event = Json.MAPPER.readTree(msg.getData());
                    } catch (IOException e) {
                        violations.add(msg.getSubject() + ": not JSON");
                        return;
                    }
                    seen.merge(event.path("type").asText(), 1, Integer::sum);
                    EventSchemas.this.violations(event).forEach(v -> violations.add(v + " in " + event));
                });
                dispatcher.subscribe("tangle.evt.>");
                connection.flush(Duration.ofSeconds(5));
            } catch (IOException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** How many events of each type were checked. */
        public Map<String, Integer> seen() {
            return Map.copyOf(seen);
        }

        public List<String> violations() {
            return List.copyOf(violations);
        }

        @Override
        public void close() {
            try {
                connection.flush(Duration.ofSeconds(2));
                connection.close();
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.size() + " published events break their schema (docs/events/): "
                                         + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
            }
        }
    }
}
