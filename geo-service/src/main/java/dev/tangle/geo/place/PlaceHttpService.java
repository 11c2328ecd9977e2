package dev.tangle.geo.place;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.geo.support.GeoEvents;
import dev.tangle.geo.support.Paths;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/places}: create, list, read, change, delete, and watch users at a place. */
public final class PlaceHttpService implements HttpService {

    private static final Set<String> FIELDS = Set.of("name", "lat", "lon", "radiusM", "groupId", "dwellSeconds");

    private final TokenVerifier verifier;
    private final PlaceService places;

    public PlaceHttpService(TokenVerifier verifier, PlaceService places) {
        this.verifier = verifier;
        this.places = places;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/places", this::create)
                .get("/v1/places", this::list)
                .get("/v1/places/{id}", this::get)
                .patch("/v1/places/{id}", this::patch)
                .delete("/v1/places/{id}", this::delete)
                .put("/v1/places/{id}/watch", this::watch)
                .get("/v1/places/{id}/watch", this::watched);
    }

    private void create(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = HttpJson.body(req).onlyFields(FIELDS);
        var in = new PlaceService.PlaceInput(body.requiredString("name", 1, 100), body.requiredDouble("lat", -90, 90),
                body.requiredDouble("lon", -180, 180), body.requiredDouble("radiusM", 50, 5000),
                body.optionalId("groupId").orElse(null), dwell(body));
        HttpJson.created(res, places.create(me, in).view());
    }

    private void list(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        Optional<UUID> groupId = req.query().first("groupId").asOptional()
                .map(g -> Ids.parse(g).orElseThrow(() -> Problems.validation("groupId", "is not a valid id")));
        HttpJson.ok(res, GeoEvents.data("items", places.list(me, groupId).stream().map(Place::view).toList(), "nextCursor", null));
    }

    private void get(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, places.get(me, Paths.id(req, "id", "Place")).view());
    }

    private void patch(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = Paths.id(req, "id", "Place");
        JsonBody body = HttpJson.body(req).onlyFields(Set.of("name", "lat", "lon", "radiusM", "dwellSeconds"));
        var in = new PlaceService.PlaceInput(body.optionalString("name", 1, 100).orElse(null),
                body.optionalDouble("lat", -90, 90).orElse(null), body.optionalDouble("lon", -180, 180).orElse(null),
                body.optionalDouble("radiusM", 50, 5000).orElse(null), null, dwell(body));
        HttpJson.ok(res, places.patch(me, id, in).view());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        places.delete(me, Paths.id(req, "id", "Place"));
        HttpJson.noContent(res);
    }

    private void watch(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = Paths.id(req, "id", "Place");
        JsonBody body = HttpJson.body(req).onlyFields(Set.of("userIds"));
        if (!body.has("userIds")) {
            throw Problems.validation("userIds", "is required (an empty list stops watching)");
        }
        HttpJson.ok(res, GeoEvents.data("placeId", id, "userIds", places.watch(me, id, body.idList("userIds", 200))));
    }

    private void watched(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = Paths.id(req, "id", "Place");
        HttpJson.ok(res, GeoEvents.data("placeId", id, "userIds", places.watched(me, id)));
    }

    private static Integer dwell(JsonBody body) {
        return body.optionalLong("dwellSeconds", 0, 86_400).map(Long::intValue).orElse(null);
    }
}
