package dev.tangle.api.identity;

import dev.tangle.api.users.UserRepository;
import dev.tangle.common.auth.JwtVerifier;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/**
 * Identity wired together: accounts, sessions and their tokens, login throttling, bans, and the token verifier every
 * other feature authenticates with (it refuses tokens of banned users).
 *
 * @param accounts register, login, password
 * @param sessions refresh and logout
 * @param throttle limits of register and login
 * @param keys     the signing keys, served as JWKS
 * @param bans     banned users, kept current from their events
 * @param verifier access tokens, banned users refused
 */
public record Identity(AccountService accounts, SessionService sessions, LoginThrottle throttle, SigningKeys keys,
                       BannedUsers bans, TokenVerifier verifier) implements Feature {

    public static Identity start(ServiceInfra infra, IdentityConfig config, RateLimitConfig rateLimits,
                                 SigningKeys keys, UserRepository users) {
        BannedUsers bans = new BannedUsers(infra.db(), users, infra.nats().connection());
        infra.lifecycle().onStop("banned users", bans);
        TokenVerifier verifier = bans.guard(new JwtVerifier(config.issuer(), config.audience(), keys));
        TokenIssuer issuer = new TokenIssuer(keys, config.issuer(), config.audience(), config.accessTtl());
        RefreshTokens refreshTokens = new RefreshTokens(config.refreshTtl());
        AccountService accounts = new AccountService(infra.db(), infra.outbox(), users, new PasswordHasher(), issuer,
                refreshTokens, bans);
        SessionService sessions = new SessionService(infra.db(), infra.outbox(), issuer, refreshTokens, bans);
        return new Identity(accounts, sessions, new LoginThrottle(rateLimits), keys, bans, verifier);
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new AccountHttpService(accounts, sessions, throttle, verifier))
                .register(new JwksHttpService(keys));
    }
}
