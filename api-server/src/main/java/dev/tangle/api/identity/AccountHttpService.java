package dev.tangle.api.identity;

import java.util.regex.Pattern;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.Principal;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/auth/*}: register, login, refresh, logout, logout-all. */
public final class AccountHttpService implements HttpService {

    /** 3–32 of {@code [a-z0-9_]}; upper case is accepted and handles are unique ignoring case (docs/adr/0012). */
    static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{3,32}");

    private final AccountService accounts;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final TokenVerifier verifier;

    public AccountHttpService(AccountService accounts, SessionService sessions, LoginThrottle throttle,
                              TokenVerifier verifier) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.verifier = verifier;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/auth/register", this::register)
                .post("/v1/auth/login", this::login)
                .post("/v1/auth/refresh", this::refresh)
                .post("/v1/auth/logout", this::logout)
                .post("/v1/auth/logout-all", this::logoutAll);
    }

    private void register(ServerRequest req, ServerResponse res) {
        JsonBody body = HttpJson.body(req);
        String handle = body.requiredMatching("handle", HANDLE, "must be 3 to 32 characters of a-z, 0-9 and _");
        String password = body.requiredString("password", 8, 128);
        String displayName = body.optionalString("displayName", 1, 64).orElse(null);
        throttle.beforeRegister(req);
        HttpJson.created(res, accounts.register(handle, password, displayName));
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonBody body = HttpJson.body(req);
        String handle = body.requiredString("handle", 1, 64);
        String password = body.requiredString("password", 1, 128);
        throttle.beforeLogin(req, handle);
        try {
            HttpJson.ok(res, accounts.login(handle, password));
        } catch (ApiException e) {
            if (e.status() == 401) {
                throttle.loginFailed(handle);
            }
            throw e;
        }
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        String token = HttpJson.body(req).requiredString("refreshToken", 1, 256);
        HttpJson.ok(res, sessions.refresh(token));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        String token = HttpJson.body(req).requiredString("refreshToken", 1, 256);
        sessions.logout(me.userId(), token);
        HttpJson.noContent(res);
    }

    private void logoutAll(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        sessions.logoutAll(me.userId());
        HttpJson.noContent(res);
    }
}
