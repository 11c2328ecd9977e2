package dev.tangle.api;

import dev.tangle.api.admin.AdminHttpService;
import dev.tangle.api.admin.AdminRepository;
import dev.tangle.api.admin.AdminService;
import dev.tangle.api.audit.AuditLog;
import dev.tangle.api.audit.RequestOrigin;
import dev.tangle.api.chat.Chat;
import dev.tangle.api.community.comment.CommentHttpService;
import dev.tangle.api.community.comment.CommentRepository;
import dev.tangle.api.community.comment.CommentService;
import dev.tangle.api.community.feed.FeedHttpService;
import dev.tangle.api.community.feed.FeedRepository;
import dev.tangle.api.community.feed.FeedService;
import dev.tangle.api.community.post.PostAccess;
import dev.tangle.api.community.post.PostHttpService;
import dev.tangle.api.community.post.PostRepository;
import dev.tangle.api.community.post.PostService;
import dev.tangle.api.community.reaction.ReactionHttpService;
import dev.tangle.api.community.reaction.ReactionRepository;
import dev.tangle.api.community.reaction.ReactionService;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.api.groups.GroupHttpService;
import dev.tangle.api.groups.GroupRepository;
import dev.tangle.api.groups.GroupService;
import dev.tangle.api.identity.AccountHttpService;
import dev.tangle.api.identity.AccountService;
import dev.tangle.api.identity.BannedUsers;
import dev.tangle.api.identity.JwksHttpService;
import dev.tangle.api.identity.LoginThrottle;
import dev.tangle.api.identity.PasswordHasher;
import dev.tangle.api.identity.RefreshTokens;
import dev.tangle.api.identity.SessionService;
import dev.tangle.api.identity.SigningKeys;
import dev.tangle.api.identity.TokenIssuer;
import dev.tangle.api.reports.ReportHttpService;
import dev.tangle.api.reports.ReportRepository;
import dev.tangle.api.reports.ReportService;
import dev.tangle.api.search.SearchHttpService;
import dev.tangle.api.search.SearchRepository;
import dev.tangle.api.search.SearchService;
import dev.tangle.api.social.BlockHttpService;
import dev.tangle.api.social.BlockService;
import dev.tangle.api.social.FriendHttpService;
import dev.tangle.api.social.FriendRepository;
import dev.tangle.api.social.FriendService;
import dev.tangle.api.geo.AudienceNatsService;
import dev.tangle.api.social.SocialNatsService;
import dev.tangle.api.users.UserHttpService;
import dev.tangle.api.webhooks.UrlGuard;
import dev.tangle.api.webhooks.WebhookDispatcher;
import dev.tangle.api.webhooks.WebhookFanIn;
import dev.tangle.api.webhooks.WebhookHttpService;
import dev.tangle.api.webhooks.WebhookRepository;
import dev.tangle.api.webhooks.WebhookService;
import dev.tangle.api.users.UserRepository;
import dev.tangle.api.users.UserService;
import dev.tangle.api.attachments.AttachmentAccess;
import dev.tangle.api.media.MediaValidator;
import dev.tangle.common.auth.JwtVerifier;
import dev.tangle.common.contract.MediaContract;
import dev.tangle.common.nats.service.NatsService;
import dev.tangle.common.nats.service.NatsServiceClient;
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
        infra.lifecycle().onStop("social nats service",
                SocialNatsService.start(infra.nats().connection(), services.friends,
                        config.chat().serviceConcurrency(), infra.metrics().registry()));
        infra.lifecycle().onStop("attachment nats service", NatsService.builder(infra.nats().connection(),
                        "tangle-attachment", "1.0.0").queue("api-server").meters(infra.metrics().registry())
                .description("may a user see a media item through a post or message")
                .endpoint(MediaContract.CAN_VIEW, services.attachments::canView).start());
        infra.lifecycle().onStop("audience nats service", AudienceNatsService.start(infra.nats().connection(),
                infra.metrics().registry(), infra.db(), services.chat.conversations()));
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
        final SessionService sessions;
        final LoginThrottle throttle;
        final SigningKeys keys;
        final UserService userService;
        final FriendService friends;
        final BlockService blocks;
        final GroupService groups;
        final Chat chat;
        final PostService posts;
        final CommentService comments;
        final ReactionService reactions;
        final FeedService feeds;
        final SearchService search;
        final MediaValidator mediaValidator;
        final AttachmentAccess attachments;
        final BannedUsers bans;
        final AuditLog audit;
        final ReportService reports;
        final AdminService admin;
        final WebhookService webhooks;
        final boolean trustForwardedFor;

        Services(ApiConfig config, ServiceInfra infra, SigningKeys keys) {
            var identity = config.identity();
            this.infra = infra;
            this.bans = new BannedUsers(infra.db(), users, infra.nats().connection());
            infra.lifecycle().onStop("banned users", bans);
            this.verifier = bans.guard(new JwtVerifier(identity.issuer(), identity.audience(), keys));
            this.trustForwardedFor = config.rateLimits().trustForwardedFor();
            TokenIssuer issuer = new TokenIssuer(keys, identity.issuer(), identity.audience(), identity.accessTtl());
            RefreshTokens refreshTokens = new RefreshTokens(identity.refreshTtl());
            this.keys = keys;
            this.accounts = new AccountService(infra.db(), infra.outbox(), users, new PasswordHasher(), issuer, refreshTokens, bans);
            this.sessions = new SessionService(infra.db(), infra.outbox(), issuer, refreshTokens, bans);
            this.throttle = new LoginThrottle(config.rateLimits());
            this.userService = new UserService(infra.db(), infra.outbox(), users);
            FriendRepository friendRepository = new FriendRepository();
            this.friends = new FriendService(infra.db(), infra.outbox(), friendRepository, users, graph);
            this.blocks = new BlockService(infra.db(), infra.outbox(), friendRepository, graph);
            this.groups = new GroupService(infra.db(), infra.outbox(), new GroupRepository(), graph);
            this.mediaValidator = new MediaValidator(new NatsServiceClient(infra.nats().connection(),
                    java.time.Duration.ofSeconds(3)));
            this.chat = Chat.start(infra, graph, config.chat(), mediaValidator);
            var postRepository = new PostRepository();
            var access = new PostAccess(graph, postRepository);
            var reactionRepository = new ReactionRepository();
            this.posts = new PostService(infra.db(), infra.outbox(), postRepository, access, reactionRepository,
                    mediaValidator);
            this.attachments = new AttachmentAccess(infra.db(), postRepository, access,
                    new dev.tangle.api.chat.conversation.ConversationRepository());
            this.comments = new CommentService(infra.db(), infra.outbox(), new CommentRepository(), postRepository,
                    access, graph, reactionRepository);
            this.reactions = new ReactionService(infra.db(), infra.outbox(), reactionRepository, access, comments, graph);
            this.feeds = new FeedService(infra.db(), new FeedRepository(), access, graph, posts);
            this.search = new SearchService(infra.db(), new SearchRepository());
            this.audit = new AuditLog(infra.db());
            this.reports = new ReportService(infra.db(), new ReportRepository());
            this.admin = new AdminService(infra.db(), infra.outbox(), new AdminRepository(), bans, sessions, posts,
                    comments, chat.messages(), infra.nats().connection(), config.admin().operators());
            var webhookRepository = new WebhookRepository();
            var guard = new UrlGuard(config.webhooks().allowPrivate());
            var dispatcher = new WebhookDispatcher(infra.db(), infra.outbox(), webhookRepository, guard, config.webhooks(),
                    infra.metrics().registry());
            infra.lifecycle().onStop("webhook dispatcher", dispatcher);
            infra.lifecycle().onStop("webhook fan-in",
                    new WebhookFanIn(infra.nats().connection(), infra.db(), webhookRepository, dispatcher::kick));
            this.webhooks = new WebhookService(infra.db(), webhookRepository, graph, guard, dispatcher::kick);
        }
    }

    /** The service's own routes. */
    static void routing(HttpRouting.Builder routing, Services s) {
        routing.addFilter(RequestOrigin.filter(s.trustForwardedFor));
        routing.register(new AccountHttpService(s.accounts, s.sessions, s.throttle, s.verifier))
                .register(new JwksHttpService(s.keys))
                .register(new UserHttpService(s.verifier, s.userService))
                .register(new FriendHttpService(s.verifier, s.friends))
                .register(new BlockHttpService(s.verifier, s.blocks))
                .register(new GroupHttpService(s.verifier, s.groups));
        s.chat.routing(routing, s.verifier);
        routing.register(new PostHttpService(s.verifier, s.posts))
                .register(new CommentHttpService(s.verifier, s.comments))
                .register(new ReactionHttpService(s.verifier, s.reactions))
                .register(new FeedHttpService(s.verifier, s.feeds))
                .register(new SearchHttpService(s.verifier, s.search))
                .register(new ReportHttpService(s.verifier, s.reports))
                .register(new AdminHttpService(s.verifier, s.admin, s.reports, s.audit))
                .register(new WebhookHttpService(s.verifier, s.webhooks));
    }
}
