package dev.tangle.media.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.http.Routes;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * tus 1.0.0 core protocol with the creation extension under {@code /v1/uploads} (https://tus.io/protocols/resumable-upload):
 * {@code OPTIONS} (capabilities), {@code POST} (create, {@code Upload-Length}, optional {@code Upload-Metadata}
 * {@code filename} and {@code useLocation}), {@code HEAD} (offset), {@code PATCH} (append at {@code Upload-Offset},
 * body {@code application/offset+octet-stream}). The PATCH that completes an upload, and every later HEAD, carries
 * the new media item's id as {@code Tangle-Media-Id}.
 */
public final class TusHttpService implements HttpService {

    static final String VERSION = "1.0.0";
    static final HeaderName TUS_RESUMABLE = HeaderNames.create("Tus-Resumable");
    static final HeaderName TUS_VERSION = HeaderNames.create("Tus-Version");
    static final HeaderName TUS_EXTENSION = HeaderNames.create("Tus-Extension");
    static final HeaderName TUS_MAX_SIZE = HeaderNames.create("Tus-Max-Size");
    static final HeaderName UPLOAD_OFFSET = HeaderNames.create("Upload-Offset");
    static final HeaderName UPLOAD_LENGTH = HeaderNames.create("Upload-Length");
    static final HeaderName UPLOAD_METADATA = HeaderNames.create("Upload-Metadata");
    public static final HeaderName MEDIA_ID = HeaderNames.create("Tangle-Media-Id");

    private final TokenVerifier verifier;
    private final TusService tus;
    private final long maxSize;

    public TusHttpService(TokenVerifier verifier, TusService tus, long maxSize) {
        this.verifier = verifier;
        this.tus = tus;
        this.maxSize = maxSize;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules).options("/v1/uploads", this::options)
                .options("/v1/uploads/{id}", this::options)
                .post("/v1/uploads", this::create)
                .head("/v1/uploads/{id}", this::head)
                .patch("/v1/uploads/{id}", this::patch);
    }

    private void options(ServerRequest req, ServerResponse res) {
        res.header(TUS_RESUMABLE, VERSION).header(TUS_VERSION, VERSION).header(TUS_EXTENSION, "creation")
                .header(TUS_MAX_SIZE, Long.toString(maxSize));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void create(ServerRequest req, ServerResponse res) {
        res.header(TUS_RESUMABLE, VERSION);
        requireVersion(req);
        UUID me = Authn.require(req, verifier).userId();
        long length = longHeader(req, UPLOAD_LENGTH);
        Map<String, String> metadata = metadata(req.headers().first(UPLOAD_METADATA).orElse(""));
        TusService.Upload upload = tus.create(me, length, metadata.get("filename"),
                "true".equals(metadata.get("useLocation")));
        res.header(HeaderNames.LOCATION, "/v1/uploads/" + upload.id());
        res.status(Status.CREATED_201).send();
    }

    private void head(ServerRequest req, ServerResponse res) {
        res.header(TUS_RESUMABLE, VERSION);
        UUID me = Authn.require(req, verifier).userId();
        TusService.Upload upload = tus.find(me, uploadId(req));
        res.header(UPLOAD_OFFSET, Long.toString(upload.received()))
                .header(UPLOAD_LENGTH, Long.toString(upload.length()))
                .header(HeaderNames.CACHE_CONTROL, "no-store");
        if (upload.mediaId() != null) {
            res.header(MEDIA_ID, upload.mediaId().toString());
        }
        res.status(Status.OK_200).send();
    }

    private void patch(ServerRequest req, ServerResponse res) {
        res.header(TUS_RESUMABLE, VERSION);
        requireVersion(req);
        UUID me = Authn.require(req, verifier).userId();
        String type = req.headers().contentType().map(HttpMediaType::text).orElse("");
        if (!type.startsWith("application/offset+octet-stream")) {
            throw ErrorCode.UNSUPPORTED_MEDIA_TYPE.exception("PATCH bodies must be application/offset+octet-stream");
        }
        long offset = longHeader(req, UPLOAD_OFFSET);
        TusService.Upload upload = tus.append(me, uploadId(req), offset,
                req.content().hasEntity() ? req.content().inputStream() : java.io.InputStream.nullInputStream());
        res.header(UPLOAD_OFFSET, Long.toString(upload.received()));
        if (upload.mediaId() != null) {
            res.header(MEDIA_ID, upload.mediaId().toString());
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private static void requireVersion(ServerRequest req) {
        if (!req.headers().first(TUS_RESUMABLE).map(VERSION::equals).orElse(false)) {
            throw new ApiException(412, ErrorCode.BAD_REQUEST.code(), "Precondition failed",
                    "Tus-Resumable: " + VERSION + " is required", java.util.List.of(),
                    Map.of("Tus-Version", VERSION));
        }
    }

    private static long longHeader(ServerRequest req, HeaderName name) {
        String value = req.headers().first(name).orElseThrow(() -> Problems.validation(name.defaultCase(), "is required"));
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw Problems.validation(name.defaultCase(), "must not be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw Problems.validation(name.defaultCase(), "must be a whole number");
        }
    }

    /** {@code key base64value, key2 base64value2}. */
    static Map<String, String> metadata(String header) {
        Map<String, String> out = new HashMap<>();
        for (String pair : header.split(",")) {
            String[] kv = pair.strip().split(" ", 2);
            if (kv[0].isEmpty()) {
                continue;
            }
            try {
                out.put(kv[0], kv.length == 2 ? new String(Base64.getDecoder().decode(kv[1].strip()), StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                throw Problems.validation("Upload-Metadata", "value of " + kv[0] + " is not base64");
            }
        }
        return out;
    }

    private static UUID uploadId(ServerRequest req) {
        return Ids.parse(req.path().pathParameters().get("id")).orElseThrow(() -> Problems.notFound("Upload"));
    }
}
