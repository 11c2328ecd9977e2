package dev.tangle.api.contract;

import java.util.Set;

import dev.tangle.api.support.ApiTestServer;
import dev.tangle.common.http.OpenApiHttpService;
import dev.tangle.common.http.Routes;
import dev.tangle.common.http.Routes.Route;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes api-server registers are exactly the paths and methods of its OpenAPI document, both ways. */
class OpenApiRoutesIT {

    private static ApiTestServer api;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void registeredRoutesEqualTheDocumentedOnes() {
        OpenApiContract contract = HttpTestClient.contract(api.service().baseUrl()).orElseThrow();
        Set<Route> registered = Routes.registered("api-server");
        assertThat(registered).as("routes api-server registers").hasSizeGreaterThan(50);
        assertThat(contract.routes()).as("documented but not registered")
                .containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void theServedDocumentIsTheModulesResource() {
        var served = api.http().get("/openapi.yaml", null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/yaml");
        assertThat(served.raw().body()).isEqualTo(OpenApiHttpService.load("api-server"));
        assertThat(served.text()).startsWith("# OpenAPI 3.1").contains("openapi: 3.1.0");
    }
}
