package dev.tangle.common.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import dev.tangle.common.health.HealthCheck;
import dev.tangle.common.json.HttpJson;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (every dependency answers within the
 * timeout and the service is not shutting down; 503 otherwise, with each check's details in the body).
 */
public final class HealthHttpService implements HttpService {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final List<HealthCheck> checks;
    private final BooleanSupplier stopping;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public HealthHttpService(List<HealthCheck> checks, BooleanSupplier stopping) {
        this.checks = List.copyOf(checks);
        this.stopping = stopping;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .get("/health/live", (req, res) -> HttpJson.ok(res, Map.of("status", "UP")))
                .get("/health/ready", this::ready);
    }

    private void ready(ServerRequest req, ServerResponse res) {
        List<Future<Map<String, Object>>> running = new ArrayList<>();
        for (HealthCheck check : checks) {
            running.add(executor.submit(() -> run(check)));
        }
        boolean up = !stopping.getAsBoolean();
        List<Map<String, Object>> results = new ArrayList<>();
        long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
        for (int i = 0; i < checks.size(); i++) {
            Map<String, Object> result;
            try {
                result = running.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.get(i).cancel(true);
                result = entry(checks.get(i).name(), false, Map.of("error", "no answer within " + CHECK_TIMEOUT.toMillis() + " ms"));
            } catch (Exception e) {
                result = entry(checks.get(i).name(), false, Map.of("error", String.valueOf(e.getMessage())));
            }
            up &= "UP".equals(result.get("status"));
            results.add(result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        if (stopping.getAsBoolean()) {
            body.put("stopping", true);
        }
        body.put("checks", results);
        HttpJson.send(res, up ? 200 : 503, body);
    }

    private static Map<String, Object> run(HealthCheck check) {
        try {
            HealthCheck.Result result = check.check();
            return entry(check.name(), result.up(), result.details());
        } catch (Exception e) {
            return entry(check.name(), false, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static Map<String, Object> entry(String name, boolean up, Map<String, Object> details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("status", up ? "UP" : "DOWN");
        entry.put("details", details);
        return entry;
    }
}
