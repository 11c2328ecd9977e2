package dev.tangle.geo.support;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tangle.api.ApiConfig;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.TestInfra;
import dev.tangle.geo.GeoConfig;
import dev.tangle.geo.LiveFeature;
import dev.tangle.geo.Main;
import dev.tangle.socket.SocketConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real stack in one JVM: PostgreSQL and nats-server (shared test infrastructure), api-server, two
 * socket-server instances and geo-service instances, each with its own NATS connection, as in production.
 */
public final class GeoStack implements AutoCloseable {

    private static final AtomicInteger HANDLES = new AtomicInteger();

    public final RunningService api;
    public final RunningService socketOne;
    public final RunningService socketTwo;
    public final HttpTestClient apiHttp;
    private final Map<String, String> env;
    private final List<RunningService> geos = new java.util.concurrent.CopyOnWriteArrayList<>();

    public record User(String id, String token) {
    }

    public GeoStack() throws Exception {
        env = TestInfra.env();
        env.put("TANGLE_JWT_KEYS_FILE", Files.createTempDirectory("tangle-keys").resolve("jwt-keys.json").toString());
        env.put("TANGLE_RATELIMIT_REGISTER_PER_IP", "100000/1m");
        env.put("TANGLE_RATELIMIT_LOGIN_PER_IP", "100000/1m");
        api = dev.tangle.api.Main.start(ApiConfig.from(TestInfra.settings(env)));
        apiHttp = new HttpTestClient(api.baseUrl());
        socketOne = socket("geo-socket-1");
        socketTwo = socket("geo-socket-2");
    }

    private RunningService socket(String instanceId) {
        Map<String, String> s = new HashMap<>();
        s.put("TANGLE_NATS_URL", env.get("TANGLE_NATS_URL"));
        s.put("TANGLE_PORT", "0");
        s.put("TANGLE_HTTP_HOST", "127.0.0.1");
        s.put("TANGLE_SHUTDOWN_TIMEOUT", "10s");
        s.put("TANGLE_INSTANCE_ID", instanceId);
        s.put("TANGLE_JWT_JWKS_URL", api.baseUrl() + "/.well-known/jwks.json");
        s.put("TANGLE_WS_RESUME_WINDOW", "100ms");
        return dev.tangle.socket.Main.start(SocketConfig.from(TestInfra.settings(s)));
    }

    /** A geo-service instance on the stack's database, with test-friendly timers. */
    public Main.Started geo(String instanceId, Map<String, String> overrides) {
        Map<String, String> g = new HashMap<>(env);
        g.remove("TANGLE_JWT_KEYS_FILE");
        g.put("TANGLE_INSTANCE_ID", instanceId);
        g.put("TANGLE_JWT_JWKS_URL", api.baseUrl() + "/.well-known/jwks.json");
        g.put("TANGLE_GEO_MIN_UPDATE_INTERVAL", "0s");
        g.put("TANGLE_GEO_TIMER_POLL_INTERVAL", "100ms");
        g.put("TANGLE_GEO_VIEWER_CACHE_TTL", "30s");
        g.putAll(overrides);
        Main.Started started = Main.started(GeoConfig.from(TestInfra.settings(g)));
        geos.add(started.service());
        LiveFeature live = (LiveFeature) started.features().getFirst();
        Await.until(Duration.ofSeconds(20), "geo consumers attached", live::ready);
        return started;
    }

    public User register(String prefix) {
        String handle = prefix + "_" + HANDLES.incrementAndGet() + "_" + (System.nanoTime() % 100_000);
        var r = apiHttp.post("/v1/auth/register", Map.of("handle", handle, "password", "pw-" + handle + "-secret"), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new User(r.json().path("user").path("id").asText(), r.json().path("accessToken").asText());
    }

    public void befriend(User a, User b) {
        var r1 = apiHttp.post("/v1/friends/requests", Map.of("userId", b.id()), a.token());
        assertThat(r1.status()).as(r1.toString()).isIn(200, 201);
        var r2 = apiHttp.post("/v1/friends/requests", Map.of("userId", a.id()), b.token());
        assertThat(r2.status()).as(r2.toString()).isIn(200, 201);
    }

    public void stopGeo(RunningService geo) {
        geos.remove(geo);
        geo.stop();
    }

    @Override
    public void close() {
        geos.forEach(RunningService::stop);
        for (RunningService s : new RunningService[] {socketOne, socketTwo, api}) {
            if (s != null) {
                s.stop();
            }
        }
    }
}
