package dev.tangle.api;

import dev.tangle.api.chat.Chat;
import dev.tangle.api.identity.AccountHttpService;
import dev.tangle.api.identity.AccountService;
import dev.tangle.api.identity.PasswordHasher;
import dev.tangle.api.identity.RefreshTokens;
import dev.tangle.api.identity.SigningKeys;
import dev.tangle.api.identity.TokenIssuer;
import dev.tangle.api.social.SocialGraph;
import dev.tangle.api.users.UserHttpService;
import dev.tangle.api.users.UserRepository;
import dev.tangle.common.auth.JwtVerifier;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.config.Settings;
import dev.tangle.common.http.Logging;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.common.http.TangleServer;
import io.helidon.webserver.http.HttpRouting;

/** Composition root of api-server: config, infrastructure, services, routes. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Logging.init();
        start(ApiConfig.from(Settings.load())).infra().lifecycle().stopOnSignal();
    }

    /** Starts the service; the returned handle stops it in order. */
    public static RunningService start(ApiConfig config) {
        SigningKeys keys = SigningKeys.load(config.identity());
        ServiceInfra infra = ServiceInfra.start(config.common(), "api");
        Services services = new Services(config, infra, keys);
        var server = TangleServer.start(infra, routing -> routing(routing, services), builder -> { });
        return new RunningService(server, infra);
    }

    /** Every feature service of api-server, wired by constructor. */
    static final class Services {
        final ServiceInfra infra;
        final TokenVerifier verifier;
        final UserRepository users = new UserRepository();
        final SocialGraph graph = new SocialGraph();
        final AccountService accounts;
        final Chat chat;

        Services(ApiConfig config, ServiceInfra infra, SigningKeys keys) {
            var identity = config.identity();
            this.infra = infra;
            this.verifier = new JwtVerifier(identity.issuer(), identity.audience(), keys);
            TokenIssuer issuer = new TokenIssuer(keys, identity.issuer(), identity.audience(), identity.accessTtl());
            this.accounts = new AccountService(infra.db(), infra.outbox(), users, new PasswordHasher(), issuer,
                    new RefreshTokens(identity.refreshTtl()));
            this.chat = Chat.start(infra, graph, config.chat());
        }
    }

    /** The service's own routes. */
    static void routing(HttpRouting.Builder routing, Services s) {
        routing.register(new AccountHttpService(s.accounts))
                .register(new UserHttpService(s.verifier, s.infra.db(), s.users));
        s.chat.routing(routing, s.verifier);
    }
}
