package dev.tangle.common.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;

/**
 * Registers handlers and records the matched route template in the request context, so request metrics are
 * labelled by template ({@code /v1/users/{id}}), never by raw path. Services register full paths through it.
 */
public final class Routes {

    static final String ROUTE_KEY = "tangle.route";
    private static final java.util.Set<Route> REGISTERED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * One registered route.
     *
     * @param method   HTTP method
     * @param template path template, {@code /v1/users/{id}}
     */
    public record Route(String method, String template) {
    }

    private final HttpRules rules;

    private Routes(HttpRules rules) {
        this.rules = rules;
    }

    public static Routes on(HttpRules rules) {
        return new Routes(rules);
    }

    public Routes get(String path, Handler handler) {
        return add(Method.GET, path, handler);
    }

    public Routes post(String path, Handler handler) {
        return add(Method.POST, path, handler);
    }

    public Routes put(String path, Handler handler) {
        return add(Method.PUT, path, handler);
    }

    public Routes patch(String path, Handler handler) {
        return add(Method.PATCH, path, handler);
    }

    public Routes delete(String path, Handler handler) {
        return add(Method.DELETE, path, handler);
    }

    private Routes add(Method method, String path, Handler handler) {
        REGISTERED.add(new Route(method.text(), path));
        rules.route(method, path, (req, res) -> {
            req.context().register(ROUTE_KEY, path);
            handler.handle(req, res);
        });
        return this;
    }

    /** Every route registered through this class in this process (for route scans), sorted. */
    public static java.util.List<Route> registered() {
        return REGISTERED.stream().sorted(java.util.Comparator.comparing(Route::template).thenComparing(Route::method))
                .toList();
    }

    /** The template of the route that handled a request, or {@code unmatched}. */
    public static String template(ServerRequest req) {
        return req.context().get(ROUTE_KEY, String.class).orElse("unmatched");
    }
}
