package dev.tangle.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import dev.tangle.common.http.Routes.Route;
import dev.tangle.common.json.Json;

/**
 * A service's OpenAPI 3.1 document as the contract tests use it: the routes it lists, and the check that a response
 * (status, content type, body) is one the document allows for the operation it answered. A response to a path the
 * document does not list must be a problem+json error (unknown routes answer 404 that way).
 */
public final class OpenApiContract {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final JsonNode document;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private record Template(String path, Pattern pattern, int literals) {
    }

    private OpenApiContract(JsonNode document) {
        this.document = document;
        document.path("paths").fieldNames().forEachRemaining(path -> {
            String regex = Pattern.compile("\\{[^/}]+}").matcher(Pattern.quote(path))
                    .replaceAll(m -> "\\\\E[^/]+\\\\Q");
            templates.add(new Template(path, Pattern.compile(regex), path.replaceAll("\\{[^/}]+}", "").length()));
        });
        templates.sort(Comparator.comparingInt(Template::literals).reversed());
    }

    public static OpenApiContract parse(byte[] yaml) {
        try {
            return new OpenApiContract(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every path and method the document lists. */
    public Set<Route> routes() {
        Set<Route> routes = new LinkedHashSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                routes.add(new Route(m.toUpperCase(java.util.Locale.ROOT), path.getKey()));
            }
        }));
        return routes;
    }

    /** The listed template a concrete path matches (literal segments win over parameters). */
    public Optional<String> template(String path) {
        return templates.stream().filter(t -> t.pattern.matcher(path).matches()).map(Template::path).findFirst();
    }

    /**
     * What is wrong with a response, or an empty list.
     *
     * @param method      HTTP method
     * @param path        the request path (no query)
     * @param status      response status
     * @param contentType response Content-Type (parameters ignored), may be empty
     * @param body        response body
     */
    public List<String> check(String method, String path, int status, String contentType, byte[] body) {
        String media = contentType == null ? "" : contentType.split(";")[0].trim();
        Optional<String> template = template(path);
        JsonNode operation = template.map(t -> document.path("paths").path(t).path(method.toLowerCase(java.util.Locale.ROOT)))
                .orElse(null);
        String where = method + " " + template.orElse(path) + " -> " + status;
        if (operation == null || operation.isMissingNode()) {
            if (status >= 400 && media.equals("application/problem+json")) {
                return validate(where, "#/components/schemas/Problem", body);
            }
            return List.of(where + ": the route is not in the OpenAPI document");
        }
        JsonNode responses = operation.path("responses");
        String key = responses.has(Integer.toString(status)) ? Integer.toString(status) : "default";
        JsonNode response = responses.path(key);
        if (response.isMissingNode() || (key.equals("default") && status < 400)) {
            return List.of(where + ": status " + status + " is not documented");
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.length == 0 ? List.of() : List.of(where + ": documented without a body");
        }
        if (!content.has(media)) {
            return List.of(where + ": content type '" + media + "' is not documented (" + content.fieldNames().next() + ")");
        }
        if (!media.endsWith("json")) {
            return List.of();
        }
        String pointer = "#/paths/" + escape(template.get()) + "/" + method.toLowerCase(java.util.Locale.ROOT)
                         + "/responses/" + key + "/content/" + escape(media) + "/schema";
        return validate(where, pointer, body);
    }

    private List<String> validate(String where, String pointer, byte[] body) {
        JsonNode value;
        try {
            value = Json.MAPPER.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            return List.of(where + ": the body is not JSON");
        }
        Schema schema = compiled.computeIfAbsent(pointer, p -> {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", p);
            root.set("paths", document.path("paths"));
            root.set("components", document.path("components"));
            return JsonSchemas.compile(root);
        });
        return JsonSchemas.violations(schema, value).stream().map(v -> where + ": " + v).toList();
    }

    /** JSON pointer escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
