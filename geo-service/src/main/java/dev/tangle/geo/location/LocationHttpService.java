package dev.tangle.geo.location;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.geo.support.GeoEvents;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code POST /v1/location} (an update) and {@code GET /v1/location/live} (who shares with me, and how they are). */
public final class LocationHttpService implements HttpService {

    private static final Set<String> FIELDS = Set.of("lat", "lon", "accuracyM", "batteryPct", "at");

    private final TokenVerifier verifier;
    private final LocationService locations;
    private final LiveStatus live;

    public LocationHttpService(TokenVerifier verifier, LocationService locations, LiveStatus live) {
        this.verifier = verifier;
        this.locations = locations;
        this.live = live;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules).post("/v1/location", this::update).get("/v1/location/live", this::live);
    }

    private void update(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = HttpJson.body(req).onlyFields(FIELDS);
        Fix fix = Fix.of(body.optionalDouble("lat", -90, 90).orElse(null), body.optionalDouble("lon", -180, 180).orElse(null),
                body.optionalDouble("accuracyM", 0, 100_000).orElse(null),
                body.optionalLong("batteryPct", 0, 100).map(Long::intValue).orElse(null),
                body.optionalString("at", 1, 40).orElse(null), Instant.now());
        locations.ingest(me, fix);
        HttpJson.noContent(res);
    }

    private void live(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, GeoEvents.data("items", live.live(me), "nextCursor", null));
    }
}
