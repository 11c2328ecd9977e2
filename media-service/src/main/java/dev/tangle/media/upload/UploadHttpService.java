package dev.tangle.media.upload;

import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.media.item.MediaItem;
import dev.tangle.media.serve.MediaView;
import dev.tangle.media.serve.UrlSigner;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/media}: {@code multipart/form-data} with a {@code file} part (other parts are skipped), or the
 * raw bytes with {@code ?filename=}. Optional {@code ?useLocation=true}. The body streams to a staging file.
 */
public final class UploadHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final UploadService uploads;
    private final UrlSigner signer;

    public UploadHttpService(TokenVerifier verifier, UploadService uploads, UrlSigner signer) {
        this.verifier = verifier;
        this.uploads = uploads;
        this.signer = signer;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules).post("/v1/media", this::upload);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        boolean useLocation = useLocation(req);
        long declared = req.headers().contentLength().orElse(-1L);
        String type = req.headers().contentType().map(HttpMediaType::text).orElse("").toLowerCase(java.util.Locale.ROOT);
        uploads.admit(me, declared);
        MediaItem item;
        if (type.startsWith("multipart/form-data")) {
            item = multipart(me, req, useLocation);
        } else {
            if (!req.content().hasEntity()) {
                throw Problems.validation("body", "is empty: send the file as the body or as a multipart file part");
            }
            String filename = req.query().first("filename").asOptional().orElse(null);
            item = uploads.upload(me, req.content().inputStream(), declared, filename, useLocation);
        }
        HttpJson.created(res, MediaView.of(item, true, signer));
    }

    private MediaItem multipart(UUID me, ServerRequest req, boolean useLocation) {
        String contentType = req.headers().contentType().map(HttpMediaType::text).orElseThrow();
        return MultipartFile.read(req.content().inputStream(), contentType,
                (in, filename) -> uploads.upload(me, in, -1, filename, useLocation));
    }

    private static boolean useLocation(ServerRequest req) {
        String value = req.query().first("useLocation").asOptional().orElse("false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Problems.validation("useLocation", "must be true or false");
        };
    }
}
