package dev.tangle.geo.safety;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.geo.support.GeoEvents;
import dev.tangle.geo.support.Paths;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/safety}: contacts, SOS alerts (raise, read, ack, resolve) and check-ins. */
public final class SafetyHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final SafetyService safety;

    public SafetyHttpService(TokenVerifier verifier, SafetyService safety) {
        this.verifier = verifier;
        this.safety = safety;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .put("/v1/safety/contacts", this::putContacts)
                .get("/v1/safety/contacts", this::contacts)
                .post("/v1/safety/sos", this::sos)
                .get("/v1/safety/alerts/{id}", this::alert)
                .post("/v1/safety/alerts/{id}/ack", this::ack)
                .post("/v1/safety/alerts/{id}/resolve", this::resolve)
                .post("/v1/safety/checkins", this::checkin)
                .get("/v1/safety/checkins", this::checkins)
                .post("/v1/safety/checkins/{id}/done", this::done);
    }

    private void putContacts(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = HttpJson.body(req).onlyFields(Set.of("userIds", "escalateAfterSeconds"));
        if (!body.has("userIds")) {
            throw Problems.validation("userIds", "is required");
        }
        List<UUID> ids = body.idList("userIds", 50);
        Integer escalate = body.optionalLong("escalateAfterSeconds", 1, 86_400).map(Long::intValue).orElse(null);
        HttpJson.ok(res, safety.putContacts(me, ids, escalate));
    }

    private void contacts(ServerRequest req, ServerResponse res) {
        HttpJson.ok(res, safety.contacts(Authn.require(req, verifier).userId()));
    }

    private void sos(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = req.content().hasEntity() ? HttpJson.body(req).onlyFields(Set.of("lat", "lon", "text")) : null;
        Double lat = body == null ? null : body.optionalDouble("lat", -90, 90).orElse(null);
        Double lon = body == null ? null : body.optionalDouble("lon", -180, 180).orElse(null);
        if ((lat == null) != (lon == null)) {
            throw Problems.validation(lat == null ? "lat" : "lon", "give both lat and lon, or neither");
        }
        String text = body == null ? null : body.optionalString("text", 0, 1000).orElse(null);
        HttpJson.created(res, safety.sos(me, lat, lon, text));
    }

    private void alert(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, safety.get(me, Paths.id(req, "id", "Alert")));
    }

    private void ack(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, safety.ack(me, Paths.id(req, "id", "Alert")));
    }

    private void resolve(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, safety.resolve(me, Paths.id(req, "id", "Alert")));
    }

    private void checkin(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = HttpJson.body(req).onlyFields(Set.of("dueAt", "contactIds"));
        String due = body.requiredString("dueAt", 1, 40);
        Instant dueAt;
        try {
            dueAt = Instant.parse(due);
        } catch (DateTimeParseException e) {
            throw Problems.validation("dueAt", "must be an ISO-8601 UTC time");
        }
        List<UUID> contacts = body.has("contactIds") ? body.idList("contactIds", 50) : null;
        HttpJson.created(res, safety.checkin(me, dueAt, contacts).view());
    }

    private void checkins(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, GeoEvents.data("items", safety.checkins(me).stream().map(SafetyRepository.Checkin::view).toList(),
                "nextCursor", null));
    }

    private void done(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, safety.done(me, Paths.id(req, "id", "Checkin")).view());
    }
}
