package dev.tangle.common.http;

import io.helidon.logging.common.LogConfig;

/** Configures java.util.logging from the service's {@code logging.properties} before anything logs. */
public final class Logging {

    private Logging() {
    }

    public static void init() {
        LogConfig.configureRuntime();
    }
}
