package dev.tangle.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import dev.tangle.api.ApiConfig;
import dev.tangle.api.Main;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.EventSchemas;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.NatsServerProcess;
import dev.tangle.common.test.PostgresProcess;
import dev.tangle.common.test.TestInfra;

/**
 * A real api-server on a free port, on a fresh database of the shared test PostgreSQL and the shared NATS.
 * Use one per test class ({@code @BeforeAll}); {@link #startAnother()} adds an instance on the same database.
 * While it runs, every event published on its NATS is checked against docs/events/ ({@link EventSchemas}) and
 * every response of its {@link #http()} client against its OpenAPI document; {@link #close()} fails on an event
 * that broke its schema.
 */
public final class ApiTestServer implements AutoCloseable {

    private final Map<String, String> env;
    private final RunningService service;
    private final HttpTestClient http;
    private final EventSchemas.Listener events;

    private ApiTestServer(Map<String, String> env) {
        this.env = env;
        this.events = SCHEMAS.listen(env.get("TANGLE_NATS_URL"));
        this.service = Main.start(ApiConfig.from(TestInfra.settings(env)));
        this.http = new HttpTestClient(service.baseUrl());
    }

    private static final EventSchemas SCHEMAS = EventSchemas.ofRepository();

    public static ApiTestServer start() {
        return start(Map.of());
    }

    /** With extra environment, e.g. tighter rate limits. */
    public static ApiTestServer start(Map<String, String> extraEnv) {
        return start(TestInfra.env(), extraEnv);
    }

    /** On a fresh database of the given PostgreSQL (one a test may stop or crash) and the given NATS. */
    public static ApiTestServer start(PostgresProcess pg, NatsServerProcess nats, Map<String, String> extraEnv) {
        return start(TestInfra.env(pg, pg.newDatabase(), nats), extraEnv);
    }

    private static ApiTestServer start(Map<String, String> env, Map<String, String> extraEnv) {
        try {
            env.put("TANGLE_JWT_KEYS_FILE", Files.createTempDirectory("tangle-keys").resolve("jwt-keys.json").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // tests register and log in many users from 127.0.0.1; RateLimitIT sets tight limits explicitly
        env.put("TANGLE_RATELIMIT_REGISTER_PER_IP", "100000/1m");
        env.put("TANGLE_RATELIMIT_LOGIN_PER_IP", "100000/1m");
        env.put("TANGLE_RATELIMIT_LOGIN_FAILURES_PER_HANDLE", "100000/1m");
        env.putAll(extraEnv);
        return new ApiTestServer(env);
    }

    /** Another api-server instance on the same database, NATS and signing keys. */
    public ApiTestServer startAnother() {
        return new ApiTestServer(env);
    }

    public HttpTestClient http() {
        return http;
    }

    public RunningService service() {
        return service;
    }

    public Map<String, String> env() {
        return env;
    }

    public TestUser register(String handle) {
        return TestUser.register(http, handle);
    }

    /** The events checked so far. */
    public EventSchemas.Listener events() {
        return events;
    }

    @Override
    public void close() {
        try {
            service.stop();
        } finally {
            events.close();
        }
    }
}
