package dev.tangle.tools.web;

import java.util.List;
import java.util.Optional;

import dev.tangle.tools.cli.Service;

/**
 * Which service owns a path (API.md): socket-server {@code /v1/ws}; media-service {@code /v1/media},
 * {@code /v1/uploads}; geo-service {@code /v1/location}, {@code /v1/places}, {@code /v1/safety}, {@code /v1/map};
 * every other {@code /v1/...} and {@code /.well-known/...} api-server. Anything else is the client's own files.
 */
public final class EdgeRoutes {

    private record Prefix(String path, Service service) {
        boolean matches(String p) {
            return p.equals(path) || p.startsWith(path + "/") || p.startsWith(path + "?");
        }
    }

    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("/v1/ws", Service.SOCKET_SERVER),
            new Prefix("/v1/media", Service.MEDIA_SERVICE),
            new Prefix("/v1/uploads", Service.MEDIA_SERVICE),
            new Prefix("/v1/location", Service.GEO_SERVICE),
            new Prefix("/v1/places", Service.GEO_SERVICE),
            new Prefix("/v1/safety", Service.GEO_SERVICE),
            new Prefix("/v1/map", Service.GEO_SERVICE),
            new Prefix("/v1", Service.API_SERVER),
            new Prefix("/.well-known", Service.API_SERVER));

    private EdgeRoutes() {
    }

    /** The service for a request target (path with optional query), or empty for a static file. */
    public static Optional<Service> serviceFor(String target) {
        for (Prefix prefix : PREFIXES) {
            if (prefix.matches(target)) {
                return Optional.of(prefix.service());
            }
        }
        return Optional.empty();
    }
}
