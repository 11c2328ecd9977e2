package dev.tangle.common.http;

import io.helidon.webserver.WebServer;

/**
 * A started service: its server and infrastructure. {@link #stop()} runs the ordered shutdown.
 *
 * @param server the listening server
 * @param infra  its infrastructure
 */
public record RunningService(WebServer server, ServiceInfra infra) implements AutoCloseable {

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public void stop() {
        infra.lifecycle().stop();
    }

    @Override
    public void close() {
        stop();
    }
}
