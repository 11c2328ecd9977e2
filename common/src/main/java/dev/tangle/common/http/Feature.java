package dev.tangle.common.http;

import dev.tangle.common.auth.TokenVerifier;
import io.helidon.webserver.http.HttpRouting;

/**
 * One feature of a service as its {@code Main} lists it. The feature's static {@code start(...)} builds its services
 * from the infrastructure and registers what it started (NATS endpoints, consumers, timers) with the lifecycle, so
 * they stop before the NATS connection drains and the pool closes; {@link #routing} adds its routes.
 */
public interface Feature {

    /** Adds the feature's routes; {@code verifier} authenticates their callers. A feature without routes adds none. */
    default void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
    }
}
