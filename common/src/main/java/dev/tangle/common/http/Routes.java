package dev.tangle.common.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;

/**
 * Registers handlers and records the matched route template in the request context, so request metrics are
 * labelled by template ({@code /v1/users/{id}}), never by raw path. Services register full paths through it, so
 * it also knows every route a service serves ({@link #registered}): the contract tests compare them with the
 * service's OpenAPI document.
 */
public final class Routes {

    static final String ROUTE_KEY = "tangle.route";
    private static final ThreadLocal<Set<Route>> RECORDING = new ThreadLocal<>();
    private static final Map<String, Set<Route>> BY_SERVICE = new ConcurrentHashMap<>();

    /**
     * One registered route.
     *
     * @param method HTTP method, upper case
     * @param path   the template, e.g. {@code /v1/users/{id}}
     */
    public record Route(String method, String path) {
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

    public Routes head(String path, Handler handler) {
        return add(Method.HEAD, path, handler);
    }

    public Routes options(String path, Handler handler) {
        return add(Method.OPTIONS, path, handler);
    }

    public Routes delete(String path, Handler handler) {
        return add(Method.DELETE, path, handler);
    }

    /**
     * Runs what registers a service's routes (building its routing: Helidon calls each service's
     * {@code routing(rules)} then), remembering every route registered meanwhile under the service's name.
     */
    static <T> T recording(String service, java.util.function.Supplier<T> registration) {
        Set<Route> routes = BY_SERVICE.computeIfAbsent(service, s -> ConcurrentHashMap.newKeySet());
        Set<Route> previous = RECORDING.get();
        RECORDING.set(routes);
        try {
            return registration.get();
        } finally {
            RECORDING.set(previous);
        }
    }

    /** Every route a service of this name registered in this JVM (through {@link TangleServer}). */
    public static Set<Route> registered(String service) {
        return Set.copyOf(BY_SERVICE.getOrDefault(service, Set.of()));
    }

    private Routes add(Method method, String path, Handler handler) {
        Set<Route> recording = RECORDING.get();
        if (recording != null) {
            recording.add(new Route(method.text(), path));
        }
        rules.route(method, path, (req, res) -> {
            req.context().register(ROUTE_KEY, path);
            handler.handle(req, res);
        });
        return this;
    }

    /** The template of the route that handled a request, or {@code unmatched}. */
    public static String template(ServerRequest req) {
        return req.context().get(ROUTE_KEY, String.class).orElse("unmatched");
    }
}
