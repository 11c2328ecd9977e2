package dev.tangle.geo.contract;

import java.util.Map;

import dev.tangle.common.http.Routes;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.OpenApiContract;
import dev.tangle.geo.Main;
import dev.tangle.geo.support.GeoStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes geo-service registers are exactly the paths and methods of its OpenAPI document, both ways. */
class OpenApiRoutesIT {

    private static GeoStack stack;
    private static Main.Started geo;

    @BeforeAll
    static void start() throws Exception {
        stack = new GeoStack();
        geo = stack.geo("geo-routes", Map.of());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void registeredRoutesEqualTheDocumentedOnes() {
        OpenApiContract contract = HttpTestClient.contract(geo.service().baseUrl()).orElseThrow();
        assertThat(Routes.registered("geo-service")).as("routes geo-service registers").hasSizeGreaterThan(20);
        assertThat(contract.routes()).containsExactlyInAnyOrderElementsOf(Routes.registered("geo-service"));
    }
}
