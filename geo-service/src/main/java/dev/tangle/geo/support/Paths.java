package dev.tangle.geo.support;

import java.util.UUID;

import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import io.helidon.webserver.http.ServerRequest;

/** Path parameters. */
public final class Paths {

    private Paths() {
    }

    /** The id in path parameter {@code name}; a malformed id is a 404 of {@code what} (nothing by that id exists). */
    public static UUID id(ServerRequest req, String name, String what) {
        return Ids.parse(req.path().pathParameters().get(name)).orElseThrow(() -> Problems.notFound(what));
    }
}
