package dev.tangle.api.search;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.page.PageRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /v1/search?q=&kind=messages|posts|users&conversationId=&from=&to=&cursor=&limit=}. */
public final class SearchHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final SearchService search;

    public SearchHttpService(TokenVerifier verifier, SearchService search) {
        this.verifier = verifier;
        this.search = search;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules).get("/v1/search", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        var query = req.query();
        SearchSyntax syntax = SearchSyntax.parse(query.contains("q") ? query.get("q") : null);
        SearchService.Kind kind = kind(query.contains("kind") ? query.get("kind") : "messages");
        Optional<UUID> conversation = Optional.empty();
        if (query.contains("conversationId")) {
            if (kind != SearchService.Kind.MESSAGES) {
                throw Problems.validation("conversationId", "applies to kind=messages only");
            }
            conversation = Optional.of(Ids.parse(query.get("conversationId"))
                    .orElseThrow(() -> Problems.validation("conversationId", "must be an id")));
        }
        Optional<Instant> from = time(req, "from");
        Optional<Instant> to = time(req, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw Problems.validation("to", "must be after from");
        }
        var page = search.search(new SearchService.Query(me, syntax, kind, conversation, from, to), PageRequest.from(req));
        HttpJson.ok(res, page);
    }

    private static SearchService.Kind kind(String raw) {
        try {
            return SearchService.Kind.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.validation("kind", "must be messages, posts or users");
        }
    }

    private static Optional<Instant> time(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(req.query().get(name)));
        } catch (DateTimeParseException e) {
            throw Problems.validation(name, "must be an ISO-8601 UTC time such as 2025-06-01T00:00:00Z");
        }
    }
}
