package dev.tangle.api.identity;

import java.util.regex.Pattern;

import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/auth/*}: register and login. */
public final class AccountHttpService implements HttpService {

    /** 3–32 of {@code [a-z0-9_]}; upper case is accepted and handles are unique ignoring case. */
    static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{3,32}");

    private final AccountService accounts;

    public AccountHttpService(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/auth/register", this::register)
                .post("/v1/auth/login", this::login);
    }

    private void register(ServerRequest req, ServerResponse res) {
        JsonBody body = HttpJson.body(req);
        String handle = body.requiredMatching("handle", HANDLE, "must be 3 to 32 characters of a-z, 0-9 and _");
        String password = body.requiredString("password", 8, 128);
        String displayName = body.optionalString("displayName", 1, 64).orElse(null);
        HttpJson.created(res, accounts.register(handle, password, displayName));
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonBody body = HttpJson.body(req);
        String handle = body.requiredString("handle", 1, 64);
        String password = body.requiredString("password", 1, 128);
        HttpJson.ok(res, accounts.login(handle, password));
    }
}
