package dev.tangle.api.geo;

import dev.tangle.api.chat.conversation.ConversationService;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;

/** Who may see a user's live location, answered for geo-service ({@link AudienceNatsService}). No routes. */
public record Audience() implements Feature {

    public static Audience start(ServiceInfra infra, ConversationService conversations) {
        infra.lifecycle().onStop("audience nats service", AudienceNatsService.start(infra.nats().connection(),
                infra.metrics().registry(), infra.db(), conversations));
        return new Audience();
    }
}
