package dev.tangle.common.http;

import dev.tangle.common.error.Problems;
import dev.tangle.common.json.TextRules;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Every query parameter (name and value) and the path follow {@link TextRules}, before any handler sees them: a
 * refused character is a 400 {@code validation_failed} naming the parameter ({@code path} for the path).
 */
final class QueryTextFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        var query = req.query();
        for (String name : query.names()) {
            if (!TextRules.valid(name)) {
                throw Problems.validation("query", "has a parameter name that " + TextRules.problem(name));
            }
            for (String value : query.all(name)) {
                TextRules.require(name, value);
            }
        }
        TextRules.require("path", req.path().path());
        chain.proceed();
    }
}
