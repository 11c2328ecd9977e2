package dev.tangle.media.contract;

import java.util.Map;

import dev.tangle.common.http.Routes;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.OpenApiContract;
import dev.tangle.media.support.MediaStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes media-service registers are exactly the paths and methods of its OpenAPI document, both ways. */
class OpenApiRoutesIT {

    private static MediaStack stack;

    @BeforeAll
    static void start() {
        stack = MediaStack.start(Map.of());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void registeredRoutesEqualTheDocumentedOnes() {
        OpenApiContract contract = HttpTestClient.contract(stack.media.baseUrl()).orElseThrow();
        assertThat(Routes.registered("media-service")).as("routes media-service registers").hasSizeGreaterThan(8);
        assertThat(contract.routes()).containsExactlyInAnyOrderElementsOf(Routes.registered("media-service"));
    }
}
