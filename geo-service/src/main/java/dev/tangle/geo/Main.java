package dev.tangle.geo;

import java.util.List;

import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.config.Settings;
import dev.tangle.common.http.Logging;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.common.http.TangleServer;
import dev.tangle.geo.map.MapFeature;
import dev.tangle.geo.support.GeoFeature;

/** Composition root of geo-service: config, infrastructure, features, routes. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Logging.init();
        start(GeoConfig.from(Settings.load())).infra().lifecycle().stopOnSignal();
    }

    /** Starts the service; the returned handle stops it in order. */
    public static RunningService start(GeoConfig config) {
        return started(config).service();
    }

    /** The running service and its features (tests reach into them). */
    public record Started(RunningService service, List<GeoFeature> features) {
    }

    public static Started started(GeoConfig config) {
        ServiceInfra infra = ServiceInfra.start(config.common(), "geo");
        try {
            TokenVerifier verifier = config.jwt().verifier();
            List<GeoFeature> features = List.of(
                    LiveFeature.start(infra, config.geo(), verifier),
                    MapFeature.start(config.map(), infra, verifier));
            var server = TangleServer.start(infra, routing -> features.forEach(f -> f.routing(routing)), builder -> { });
            return new Started(new RunningService(server, infra), features);
        } catch (RuntimeException e) {
            infra.lifecycle().stop();
            throw e;
        }
    }
}
