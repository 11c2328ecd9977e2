package dev.tangle.geo.map;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.page.PageRequest;
import dev.tangle.geo.map.index.BBox;
import dev.tangle.geo.map.index.CellId;
import dev.tangle.geo.map.index.MapFilter;
import dev.tangle.geo.map.index.MapIndex;
import dev.tangle.geo.map.index.MapItem;
import dev.tangle.geo.map.index.MapView;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /v1/map}, {@code /v1/map/clusters/{id}/items} and {@code /v1/map/clusters/{id}/zoom}. */
public final class MapHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final MapService map;

    public MapHttpService(TokenVerifier verifier, MapService map) {
        this.verifier = verifier;
        this.map = map;
    }

    record Preview(UUID postId, UUID mediaId) {
    }

    record ClusterJson(String id, double lat, double lon, int count, Preview preview) {
    }

    record ItemJson(String kind, UUID id, double lat, double lon, UUID authorId, Instant createdAt, Preview preview) {
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .get("/v1/map", this::view)
                .get("/v1/map/clusters/{id}/items", this::items)
                .get("/v1/map/clusters/{id}/zoom", this::zoom);
    }

    private void view(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        BBox box = bbox(req.query().first("bbox").asOptional().orElseThrow(() -> Problems.validation("bbox", "is required")));
        int zoom = zoom(req.query().first("zoom").asOptional().orElseThrow(() -> Problems.validation("zoom", "is required")));
        MapView view = map.view(me, box, zoom, filter(req));
        HttpJson.ok(res, Map.of(
                "clusters", view.clusters().stream().map(c -> new ClusterJson(c.id(), c.lat(), c.lon(), c.count(),
                        new Preview(c.previewPostId(), c.previewMediaId()))).toList(),
                "items", view.items().stream().map(MapHttpService::item).toList()));
    }

    private void items(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        CellId cell = cell(req);
        HttpJson.ok(res, map.clusterItems(me, cell, filter(req), PageRequest.from(req)).map(MapHttpService::item));
    }

    private void zoom(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        CellId cell = cell(req);
        HttpJson.ok(res, Map.of("id", cell.wire(), "zoom", map.expansionZoom(me, cell, filter(req))));
    }

    private static ItemJson item(MapView.Item i) {
        return new ItemJson(i.kind().wire(), i.id(), i.lat(), i.lon(), i.authorId(), i.createdAt(),
                new Preview(i.previewPostId(), i.previewMediaId()));
    }

    private static CellId cell(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        return CellId.parse(id).orElseThrow(() -> Problems.validation("id", "is not a cluster id (<zoom>.<x>.<y>)"));
    }

    static BBox bbox(String raw) {
        String[] parts = raw.split(",", -1);
        if (parts.length != 4) {
            throw Problems.validation("bbox", "must be west,south,east,north");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw Problems.validation("bbox", "must be four numbers west,south,east,north");
            }
            if (!Double.isFinite(v[i])) {
                throw Problems.validation("bbox", "must be four finite numbers");
            }
        }
        try {
            return new BBox(v[0], v[1], v[2], v[3]);
        } catch (IllegalArgumentException e) {
            throw Problems.validation("bbox", e.getMessage());
        }
    }

    static int zoom(String raw) {
        try {
            int zoom = Integer.parseInt(raw.trim());
            if (zoom >= 0 && zoom <= MapIndex.MAX_ZOOM) {
                return zoom;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problems.validation("zoom", "must be a whole number within 0.." + MapIndex.MAX_ZOOM);
    }

    static MapFilter filter(ServerRequest req) {
        EnumSet<MapItem.Kind> kinds = EnumSet.noneOf(MapItem.Kind.class);
        Optional<String> rawKinds = req.query().first("kinds").asOptional();
        if (rawKinds.isPresent()) {
            for (String k : rawKinds.get().split(",", -1)) {
                switch (k.trim().toLowerCase(Locale.ROOT)) {
                    case "post" -> kinds.add(MapItem.Kind.POST);
                    case "media" -> kinds.add(MapItem.Kind.MEDIA);
                    default -> throw Problems.validation("kinds", "must be a comma-separated list of post, media");
                }
            }
        }
        Instant from = instant(req, "from");
        Instant to = instant(req, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw Problems.validation("to", "must be after from");
        }
        return new MapFilter(kinds, from, to);
    }

    /** An ISO-8601 instant, or a date (its start in UTC). */
    private static Instant instant(ServerRequest req, String name) {
        Optional<String> raw = req.query().first(name).asOptional().filter(s -> !s.isBlank());
        if (raw.isEmpty()) {
            return null;
        }
        try {
            return raw.get().length() == 10 ? LocalDate.parse(raw.get()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(raw.get());
        } catch (DateTimeParseException e) {
            throw Problems.validation(name, "must be an ISO-8601 instant or date");
        }
    }

    static List<String> routes() {
        return List.of("/v1/map", "/v1/map/clusters/{id}/items", "/v1/map/clusters/{id}/zoom");
    }
}
