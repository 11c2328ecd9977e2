package dev.tangle.common.http;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;

import dev.tangle.common.error.Problems;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

/**
 * Starts a service's Helidon WebServer (virtual threads) with what every service serves: health, metrics,
 * request metrics, problem+json errors and a problem+json 404 for unknown routes.
 */
public final class TangleServer {

    private static final System.Logger LOG = System.getLogger(TangleServer.class.getName());

    private TangleServer() {
    }

    /**
     * @param infra   the started infrastructure
     * @param routes  the service's own routes
     * @param server  further server set-up (WebSocket routing), may be a no-op
     */
    public static WebServer start(ServiceInfra infra, Consumer<HttpRouting.Builder> routes,
                                  Consumer<WebServerConfig.Builder> server) {
        var http = infra.config().http();
        // routes registered directly on the routing happen at set-up, those of HttpServices at build: record both
        WebServer webServer = Routes.recording(infra.config().service(), () -> {
            WebServerConfig.Builder builder = WebServer.builder()
                    .host(http.host())
                    .port(http.port())
                    .shutdownHook(false)
                    .maxPayloadSize(http.maxBodyBytes() * 4)
                    .directHandlers(ProblemDirectHandler.handlers())
                    .routing(routing -> routing(routing, infra, routes));
            server.accept(builder);
            return builder.build();
        }).start();
        infra.lifecycle().onStop("http server", webServer::stop);
        LOG.log(Level.INFO, infra.config().service() + " listening on " + http.host() + ":" + webServer.port());
        return webServer;
    }

    /** The full routing of a service; tests build the same routing around their own infrastructure. */
    public static void routing(HttpRouting.Builder routing, ServiceInfra infra, Consumer<HttpRouting.Builder> routes) {
        routing.addFilter(new RequestMetricsFilter(infra.metrics()));
        routing.addFilter(new QueryTextFilter());
        ProblemHandlers.register(routing);
        routing.register(new HealthHttpService(infra.healthChecks(), infra.lifecycle()::stopping))
                .register(new MetricsHttpService(infra.metrics()))
                .register(new OpenApiHttpService(infra.config().service()));
        routes.accept(routing);
        routing.any((req, res) -> {
            throw Problems.routeNotFound(req.prologue().method().text(), req.path().path());
        });
    }
}
