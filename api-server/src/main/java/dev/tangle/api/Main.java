package dev.tangle.api;

import java.util.List;

import dev.tangle.api.admin.Admin;
import dev.tangle.api.attachments.Attachments;
import dev.tangle.api.audit.RequestOrigin;
import dev.tangle.api.chat.Chat;
import dev.tangle.api.community.Community;
import dev.tangle.api.geo.Audience;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.api.groups.Groups;
import dev.tangle.api.identity.Identity;
import dev.tangle.api.identity.SigningKeys;
import dev.tangle.api.media.MediaValidator;
import dev.tangle.api.reports.Reports;
import dev.tangle.api.search.Search;
import dev.tangle.api.social.Social;
import dev.tangle.api.users.UserRepository;
import dev.tangle.api.users.Users;
import dev.tangle.api.webhooks.Webhooks;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.config.Settings;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.Logging;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.common.http.TangleServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * Composition root of api-server: config, infrastructure, then the features, each assembled by its own
 * {@code start} (which registers what it started for ordered shutdown), then their routes.
 */
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
        SocialGraph graph = new SocialGraph();
        UserRepository users = new UserRepository();
        MediaValidator media = MediaValidator.over(infra.nats().connection());

        Identity identity = Identity.start(infra, config.identity(), config.rateLimits(), keys, users);
        Users profiles = Users.start(infra, users);
        Groups groups = Groups.start(infra, graph);
        Chat chat = Chat.start(infra, graph, config.chat(), media);
        Community community = Community.start(infra, graph, media);
        Search search = Search.start(infra);
        Reports reports = Reports.start(infra);
        Admin admin = Admin.start(infra, config.admin(), identity, community, chat.messages(), reports.service());
        Webhooks webhooks = Webhooks.start(infra, graph, config.webhooks());
        Social social = Social.start(infra, graph, users, config.chat().serviceConcurrency(),
                config.chat().setupConcurrency());
        Attachments attachments = Attachments.start(infra, community);
        Audience audience = Audience.start(infra, chat.conversations());

        // routes in this order (the first route that matches answers)
        List<Feature> features = List.of(identity, profiles, social, groups, chat, community, search, reports, admin,
                webhooks, attachments, audience);
        var server = TangleServer.start(infra, routing -> routing(routing, config, identity.verifier(), features),
                builder -> { });
        return new RunningService(server, infra);
    }

    /** The service's own routes: the request-origin filter (audit), then each feature's. */
    static void routing(HttpRouting.Builder routing, ApiConfig config, TokenVerifier verifier, List<Feature> features) {
        routing.addFilter(RequestOrigin.filter(config.rateLimits().trustForwardedFor()));
        features.forEach(feature -> feature.routing(routing, verifier));
    }
}
