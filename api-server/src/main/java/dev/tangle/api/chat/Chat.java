package dev.tangle.api.chat;

import dev.tangle.api.chat.conversation.ChannelSync;
import dev.tangle.api.chat.conversation.ConversationHttpService;
import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.api.chat.conversation.ConversationService;
import dev.tangle.api.chat.message.MessageHttpService;
import dev.tangle.api.chat.message.MessageService;
import dev.tangle.api.chat.read.ReadHttpService;
import dev.tangle.api.chat.read.ReadService;
import dev.tangle.api.chat.svc.ChatServiceEndpoints;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/**
 * The chat feature wired together: services, NATS endpoints and the channel sync consumer, registered for
 * ordered shutdown (they stop before the NATS connection drains and the pool closes).
 *
 * @param conversations conversations and members
 * @param messages      sends, history, edits, reactions
 * @param reads         read markers and receipts
 */
public record Chat(ConversationService conversations, MessageService messages, ReadService reads) implements Feature {

    public static Chat start(ServiceInfra infra, SocialGraph graph, ChatConfig config) {
        return start(infra, graph, config, dev.tangle.api.media.MediaValidator.NONE);
    }

    /** As above, with {@code mediaIds} of sends checked against media-service. */
    public static Chat start(ServiceInfra infra, SocialGraph graph, ChatConfig config,
                             dev.tangle.api.media.MediaValidator mediaValidator) {
        ConversationRepository repository = new ConversationRepository();
        MessageService messages = new MessageService(infra.db(), infra.outbox(), graph, repository, infra.metrics(),
                config.sendStripes(), config.sendWriters(), config.sendBatchMax(), mediaValidator);
        infra.lifecycle().onStop("chat send writers", messages);
        ConversationService conversations = new ConversationService(infra.db(), infra.outbox(), graph, repository,
                messages::lastMessages);
        ReadService reads = new ReadService(infra.db(), infra.outbox(), repository);
        var connection = infra.nats().connection();
        infra.lifecycle().onStop("chat channel sync", new ChannelSync(connection, conversations));
        infra.lifecycle().onStop("chat services", ChatServiceEndpoints.start(connection, messages, conversations, reads,
                config.serviceConcurrency(), config.sendConcurrency(), config.setupConcurrency(),
                infra.metrics().registry()));
        return new Chat(conversations, messages, reads);
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new ConversationHttpService(verifier, conversations))
                .register(new MessageHttpService(verifier, messages))
                .register(new ReadHttpService(verifier, reads));
    }
}
