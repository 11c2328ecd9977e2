package dev.tangle.socket.contract;

import java.util.Map;

import dev.tangle.common.http.OpenApiHttpService;
import dev.tangle.common.http.Routes;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.OpenApiContract;
import dev.tangle.socket.support.SocketStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes socket-server registers are exactly the paths and methods of its OpenAPI document, both ways, and
 * what it answers on them validates against it (HttpTestClient checks every response).
 */
class OpenApiRoutesIT {

    private static SocketStack stack;
    private static RunningService socket;

    @BeforeAll
    static void start() {
        stack = new SocketStack();
        socket = stack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void registeredRoutesEqualTheDocumentedOnes() {
        OpenApiContract contract = HttpTestClient.contract(socket.baseUrl()).orElseThrow();
        assertThat(contract.routes()).containsExactlyInAnyOrderElementsOf(Routes.registered("socket-server"));
        assertThat(Routes.registered("socket-server")).extracting(Routes.Route::path).contains("/v1/ws");
    }

    @Test
    void answersConformToTheDocument() {
        HttpTestClient http = new HttpTestClient(socket.baseUrl());
        assertThat(http.get("/v1/ws", null).status()).isEqualTo(401);
        assertThat(http.get("/v1/ws?access_token=" + stack.tokens().token(java.util.UUID.randomUUID()), null).status())
                .isEqualTo(400);
        assertThat(http.get("/health/live", null).status()).isEqualTo(200);
        assertThat(http.get("/health/ready", null).status()).isEqualTo(200);
        assertThat(http.get("/nothing/here", null).status()).isEqualTo(404);
        assertThat(http.get("/openapi.yaml", null).raw().body()).isEqualTo(OpenApiHttpService.load("socket-server"));
    }
}
