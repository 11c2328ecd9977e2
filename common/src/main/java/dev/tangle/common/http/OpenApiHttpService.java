package dev.tangle.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.tangle.common.error.Problems;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * {@code GET /openapi.yaml}: the service's OpenAPI 3.1 document, the classpath resource
 * {@code openapi/<service>.yaml} of its module (named by service, so services that share a class path in tests
 * do not shadow each other), kept equal to the routes it registers by each service's contract test.
 */
public final class OpenApiHttpService implements HttpService {

    public static final String PATH = "/openapi.yaml";

    private final byte[] document;

    public OpenApiHttpService(String service) {
        this.document = load(service);
    }

    /** The classpath resource of a service's document. */
    public static String resource(String service) {
        return "openapi/" + service + ".yaml";
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules).get(PATH, (req, res) -> {
            if (document == null) {
                throw Problems.notFound("OpenAPI document");
            }
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(document);
        });
    }

    /** The document on the classpath, or null when the service has none. */
    public static byte[] load(String service) {
        try (InputStream in = OpenApiHttpService.class.getClassLoader().getResourceAsStream(resource(service))) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
