package dev.tangle.tools.cli;

import java.util.Arrays;
import java.util.stream.Collectors;


/**
 * The four services the dev stack runs, with their port offset from {@code TANGLE_PORT_BASE} and the variable of
 * {@code dev.env} that carries their URL.
 */
public enum Service {
    API_SERVER("api-server", 0, "TANGLE_API_URL"),
    SOCKET_SERVER("socket-server", 1, "TANGLE_WS_URL"),
    GEO_SERVICE("geo-service", 2, "TANGLE_GEO_URL"),
    MEDIA_SERVICE("media-service", 3, "TANGLE_MEDIA_URL");

    private final String module;
    private final int portOffset;
    private final String urlVariable;

    Service(String module, int portOffset, String urlVariable) {
        this.module = module;
        this.portOffset = portOffset;
        this.urlVariable = urlVariable;
    }

    /** By module name, e.g. {@code api-server}. */
    public static Service named(String name) {
        return Arrays.stream(values()).filter(s -> s.module.equals(name)).findFirst()
                .orElseThrow(() -> new CliException("unknown service '" + name + "': one of " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(Service::module).collect(Collectors.joining(", "));
    }

    /** The Maven module, which is also the service's name in logs and on the console. */
    public String module() {
        return module;
    }

    public int portOffset() {
        return portOffset;
    }

    public String urlVariable() {
        return urlVariable;
    }

    /** Where clients reach it: the WebSocket endpoint for socket-server, the HTTP root for the others. */
    public String publicUrl(String host, int port) {
        return this == SOCKET_SERVER ? "ws://" + host + ":" + port + "/v1/ws" : httpUrl(host, port);
    }

    /** Its HTTP root, where {@code /health/ready} and {@code /metrics} are. */
    public String httpUrl(String host, int port) {
        return "http://" + host + ":" + port;
    }
}
