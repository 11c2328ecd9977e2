package dev.tangle.geo;

import dev.tangle.common.config.Settings;
import dev.tangle.common.http.Logging;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.common.http.TangleServer;
import dev.tangle.geo.map.MapFeature;
import io.helidon.webserver.http.HttpRouting;

/** Composition root of geo-service: config, infrastructure, services, routes. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Logging.init();
        start(GeoConfig.from(Settings.load())).infra().lifecycle().stopOnSignal();
    }

    /** Starts the service; the returned handle stops it in order. */
    public static RunningService start(GeoConfig config) {
        ServiceInfra infra = ServiceInfra.start(config.common(), "geo");
        MapFeature map = MapFeature.start(config.map(), infra);
        var server = TangleServer.start(infra, routing -> {
            routing(routing, infra);
            map.register(routing);
        }, builder -> { });
        return new RunningService(server, infra);
    }

    /** The service's own routes. */
    static void routing(HttpRouting.Builder routing, ServiceInfra infra) {
    }
}
