package dev.tangle.api.webhooks;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/**
 * Outbound webhooks wired together: the subscriptions, the fan-in from events and the dispatcher (both registered
 * for ordered shutdown).
 */
public record Webhooks(WebhookService service) implements Feature {

    public static Webhooks start(ServiceInfra infra, SocialGraph graph, WebhookConfig config) {
        var repository = new WebhookRepository();
        var guard = new UrlGuard(config.allowPrivate());
        var dispatcher = new WebhookDispatcher(infra.db(), infra.outbox(), repository, guard, config,
                infra.metrics().registry());
        infra.lifecycle().onStop("webhook dispatcher", dispatcher);
        infra.lifecycle().onStop("webhook fan-in",
                new WebhookFanIn(infra.nats().connection(), infra.db(), repository, dispatcher::kick));
        return new Webhooks(new WebhookService(infra.db(), repository, graph, guard, dispatcher::kick));
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new WebhookHttpService(verifier, service));
    }
}
