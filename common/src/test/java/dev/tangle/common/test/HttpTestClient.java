package dev.tangle.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tangle.common.json.Json;

/**
 * A small JSON client for calling a running service in integration tests. Every response is checked against the
 * OpenAPI document the service serves at {@code /openapi.yaml} ({@link OpenApiContract}): a body, status or content
 * type the document does not allow fails the test with an {@link AssertionError}.
 */
public final class HttpTestClient {

    /** Per client, not per URL: a port is reused by another service once a test's server stopped. */
    private volatile Optional<OpenApiContract> contract;

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;

    public HttpTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token);
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    public Response put(String path, Object body, String token) {
        return send("PUT", path, body, token);
    }

    public Response patch(String path, Object body, String token) {
        return send("PATCH", path, body, token);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    /** Sends a JSON body (a String is sent as is, anything else serialized) with an optional bearer token. */
    public Response send(String method, String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            byte[] bytes = body instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : Json.write(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            conform(request, response);
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The document the service at this base URL serves now, if it serves one. */
    public static Optional<OpenApiContract> contract(String baseUrl) {
        try {
            HttpResponse<byte[]> doc = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + "/openapi.yaml"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return doc.statusCode() == 200 ? Optional.of(OpenApiContract.parse(doc.body())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Optional<OpenApiContract> contract() {
        Optional<OpenApiContract> c = contract;
        if (c == null) {
            c = contract(baseUrl);
            contract = c;
        }
        return c;
    }

    private void conform(HttpRequest request, HttpResponse<byte[]> response) {
        if (!request.uri().toString().startsWith(baseUrl) || request.method().equals("HEAD")) {
            return;
        }
        contract().ifPresent(contract -> {
            List<String> problems = contract.check(request.method(), request.uri().getRawPath(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
            if (!problems.isEmpty()) {
                throw new AssertionError("Response breaks the OpenAPI document: " + String.join("; ", problems)
                                         + "\nbody: " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
    }

    /**
     * A response with its body parsed as JSON when it is JSON.
     *
     * @param status HTTP status
     * @param raw    the raw response
     */
    public record Response(int status, HttpResponse<byte[]> raw) {

        public JsonNode json() {
            byte[] body = raw.body();
            if (body == null || body.length == 0) {
                return MissingNode.getInstance();
            }
            return Json.tree(body);
        }

        public String text() {
            return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
