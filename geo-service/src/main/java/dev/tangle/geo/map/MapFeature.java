package dev.tangle.geo.map;

import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.geo.support.GeoFeature;
import dev.tangle.geo.map.index.MapIndex;
import io.helidon.webserver.http.HttpRouting;

/**
 * The memory map wired together: tables → index (follower), events → tables (consumer), HTTP routes.
 * Started by geo-service's {@code Main}; stops with the service's lifecycle (consumer first, then follower).
 */
public final class MapFeature implements GeoFeature {

    private final MapIndex index;
    private final MapHttpService http;

    private MapFeature(MapIndex index, MapHttpService http) {
        this.index = index;
        this.http = http;
    }

    public static MapFeature start(MapConfig config, ServiceInfra infra, TokenVerifier verifier) {
        MapIndex index = new MapIndex(config.k(), config.pyramidMaxZoom());
        MapRepository repository = new MapRepository(infra.db().dataSource());
        MapFollower follower = new MapFollower(repository, index, config.followInterval());
        follower.start();
        infra.lifecycle().onStop("memory-map follower", follower);
        MapEventConsumer consumer = new MapEventConsumer(infra.nats().connection(), repository);
        infra.lifecycle().onStop("memory-map consumer", consumer);
        return new MapFeature(index, new MapHttpService(verifier, new MapService(index)));
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(http);
    }

    public MapIndex index() {
        return index;
    }
}
