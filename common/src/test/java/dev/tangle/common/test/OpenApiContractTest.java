package dev.tangle.common.test;

import java.nio.charset.StandardCharsets;

import dev.tangle.common.http.Routes.Route;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The response check the integration tests rely on: what it accepts and, above all, what it refuses. */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.parse("""
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /v1/things/{id}:
                get:
                  responses:
                    '200':
                      description: a thing
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Thing'}
                    default:
                      description: failure
                      content:
                        application/problem+json:
                          schema: {$ref: '#/components/schemas/Problem'}
              /v1/things/mine:
                delete:
                  responses:
                    '204': {description: gone}
            components:
              schemas:
                Thing:
                  type: object
                  required: [id, name]
                  additionalProperties: false
                  properties: {id: {type: string}, name: {type: string}}
                Problem:
                  type: object
                  required: [type, title, status, code]
                  properties: {type: {type: string}, title: {type: string}, status: {type: integer}, code: {type: string}}
            """.getBytes(StandardCharsets.UTF_8));

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void listsRoutesAndPrefersLiteralSegments() {
        assertThat(CONTRACT.routes()).containsExactlyInAnyOrder(new Route("GET", "/v1/things/{id}"),
                new Route("DELETE", "/v1/things/mine"));
        assertThat(CONTRACT.template("/v1/things/mine")).contains("/v1/things/mine");
        assertThat(CONTRACT.template("/v1/things/42")).contains("/v1/things/{id}");
    }

    @Test
    void acceptsWhatTheDocumentAllows() {
        assertThat(CONTRACT.check("GET", "/v1/things/1", 200, "application/json", json("{\"id\":\"1\",\"name\":\"a\"}")))
                .isEmpty();
        assertThat(CONTRACT.check("GET", "/v1/things/1", 404, "application/problem+json",
                json("{\"type\":\"t\",\"title\":\"Not found\",\"status\":404,\"code\":\"not_found\"}"))).isEmpty();
        assertThat(CONTRACT.check("DELETE", "/v1/things/mine", 204, "", new byte[0])).isEmpty();
    }

    @Test
    void refusesWhatItDoesNot() {
        assertThat(CONTRACT.check("GET", "/v1/things/1", 200, "application/json", json("{\"id\":\"1\"}")))
                .singleElement().asString().contains("name");
        assertThat(CONTRACT.check("GET", "/v1/things/1", 200, "application/json",
                json("{\"id\":\"1\",\"name\":\"a\",\"extra\":1}"))).singleElement().asString().contains("extra");
        assertThat(CONTRACT.check("GET", "/v1/things/1", 201, "application/json", json("{}")))
                .singleElement().asString().contains("not documented");
        assertThat(CONTRACT.check("GET", "/v1/things/1", 200, "text/plain", json("x")))
                .singleElement().asString().contains("content type");
        assertThat(CONTRACT.check("POST", "/v1/other", 200, "application/json", json("{}")))
                .singleElement().asString().contains("not in the OpenAPI document");
        assertThat(CONTRACT.check("DELETE", "/v1/things/mine", 204, "application/json", json("{}")))
                .singleElement().asString().contains("without a body");
    }
}
