package dev.tangle.tools;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tangle.api.ApiConfig;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.TestInfra;
import dev.tangle.geo.GeoConfig;
import dev.tangle.media.MediaConfig;
import dev.tangle.socket.SocketConfig;

/** The four services in this JVM, each on its own fresh database of the shared test PostgreSQL and the shared NATS. */
final class AllServices {

    private AllServices() {
    }

    /** Started in order, by service name; stop them with {@link #stop}. */
    static Map<String, RunningService> start() {
        Map<String, RunningService> services = new LinkedHashMap<>();
        services.put("api-server", dev.tangle.api.Main.start(ApiConfig.from(TestInfra.settings(TestInfra.env()))));
        services.put("socket-server", dev.tangle.socket.Main.start(SocketConfig.from(TestInfra.settings(TestInfra.env()))));
        services.put("geo-service", dev.tangle.geo.Main.start(GeoConfig.from(TestInfra.settings(TestInfra.env()))));
        services.put("media-service", dev.tangle.media.Main.start(MediaConfig.from(TestInfra.settings(TestInfra.env()))));
        return services;
    }

    static void stop(Map<String, RunningService> services) {
        services.values().forEach(RunningService::stop);
    }
}
