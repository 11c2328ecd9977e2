package dev.tangle.media.serve;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.media.item.MediaItem;
import dev.tangle.media.item.Variant;
import dev.tangle.media.store.BlobStore;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET|DELETE /v1/media/{id}} and {@code GET /v1/media/{id}/content?variant=}. */
public final class MediaHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final MediaService media;
    private final BlobStore blobs;
    private final UrlSigner signer;
    private final Clock clock;

    public MediaHttpService(TokenVerifier verifier, MediaService media, BlobStore blobs, UrlSigner signer, Clock clock) {
        this.verifier = verifier;
        this.media = media;
        this.blobs = blobs;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .get("/v1/media/{id}", this::get)
                .delete("/v1/media/{id}", this::delete)
                .get("/v1/media/{id}/content", this::content)
                .head("/v1/media/{id}/content", this::content);
    }

    private void get(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        MediaItem item = media.visible(me, mediaId(req));
        HttpJson.ok(res, MediaView.of(item, item.ownerId().equals(me), signer));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        media.delete(me, mediaId(req));
        HttpJson.noContent(res);
    }

    private void content(ServerRequest req, ServerResponse res) {
        UUID id = mediaId(req);
        var query = req.query();
        Optional<String> sig = query.first("sig").asOptional();
        String requested = query.first("variant").asOptional().orElse(null);
        MediaItem item;
        String cacheControl;
        if (sig.isPresent()) {
            String variant = requested == null ? "" : requested;
            String exp = query.first("exp").asOptional().orElse(null);
            if (variant.equals("original") || !signer.valid(id, variant, exp, sig.get())) {
                throw Problems.notFound("Media"); // forged, expired or for another item: as if it did not exist
            }
            item = media.bySignedUrl(id);
            long left = Math.max(0, Long.parseLong(exp) - Instant.now(clock).getEpochSecond());
            cacheControl = "private, max-age=" + left + ", immutable";
        } else {
            UUID me = Authn.require(req, verifier).userId();
            item = media.visible(me, id);
            if ("original".equals(requested) && !item.ownerId().equals(me)) {
                throw Problems.notFound("Variant original");
            }
            cacheControl = "private, max-age=300, immutable";
        }
        String variant = requested != null ? requested : item.kind().equals("video") ? "video" : "display";
        if (variant.equals("original")) {
            var blob = blobs.stat(MediaItem.key(id, "original")).orElseThrow(() -> Problems.notFound("Variant original"));
            ContentResponder.send(req, res, blobs, blob.key(), item.contentType(), blob.size(),
                    "o-" + id + "-" + blob.size(), "private, no-cache", true);
            return;
        }
        Variant v = item.variants().get(variant);
        if (v == null) {
            throw Problems.notFound("Variant " + variant);
        }
        ContentResponder.send(req, res, blobs, MediaItem.key(id, variant), v.contentType(), v.size(), v.etag(),
                cacheControl, false);
    }

    private static UUID mediaId(ServerRequest req) {
        return Ids.parse(req.path().pathParameters().get("id")).orElseThrow(() -> Problems.notFound("Media"));
    }
}
