package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.tangle.tools.cli.CliException;

/** Polls {@code /health/ready} of started services until each answers 200, one of them dies, or time runs out. */
final class Readiness {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private Readiness() {
    }

    /**
     * A service to wait for.
     *
     * @param process its process
     * @param httpUrl its HTTP root
     */
    record Target(ChildProcess process, String httpUrl) {
    }

    /**
     * Returns when every target is ready.
     *
     * @param cancelled checked between polls: the stack is being stopped
     * @throws CliException naming the services that died or did not become ready in time
     */
    static void await(List<Target> targets, Duration timeout, BooleanSupplier cancelled, PrintStream console) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<Target, String> pending = new LinkedHashMap<>();
        targets.forEach(t -> pending.put(t, "not polled yet"));
        while (!pending.isEmpty()) {
            if (cancelled.getAsBoolean()) {
                throw new CliException("stopped before the services were ready", 130);
            }
            for (Target target : new ArrayList<>(pending.keySet())) {
                if (!target.process().isAlive()) {
                    throw new CliException(target.process().name() + " exited with code " + target.process().exitCode()
                                           + " before it was ready; see " + target.process().log());
                }
                String status = probe(target.httpUrl());
                if (status.equals("200")) {
                    pending.remove(target);
                    console.printf("tangle: %s is ready (%.1f s)%n", target.process().name(),
                            (System.nanoTime() - start) / 1e9);
                } else {
                    pending.put(target, status);
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                throw new CliException("not ready within " + timeout.toSeconds() + " s: " + pending.entrySet().stream()
                        .map(e -> e.getKey().process().name() + " (" + e.getValue() + "; see " + e.getKey().process().log() + ")")
                        .collect(Collectors.joining(", ")));
            }
            pause();
        }
    }

    /** The status code as text, or what went wrong. */
    private static String probe(String httpUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? "200" : "/health/ready answered " + response.statusCode() + " "
                                                          + abbreviate(response.body());
        } catch (IOException e) {
            return "no answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for " + httpUrl, 130);
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the services", 130);
        }
    }
}
