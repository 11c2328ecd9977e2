package dev.tangle.api.attachments;

import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.api.community.Community;
import dev.tangle.common.contract.MediaContract;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.common.nats.service.NatsService;

/**
 * May a user see a media item through a post or message: {@code tangle.svc.attachment.can-view} for media-service
 * (service {@code tangle-attachment}, registered for ordered shutdown). No routes.
 */
public record Attachments(AttachmentAccess access) implements Feature {

    public static Attachments start(ServiceInfra infra, Community community) {
        var access = new AttachmentAccess(infra.db(), community.postRows(), community.access(),
                new ConversationRepository());
        infra.lifecycle().onStop("attachment nats service", NatsService.builder(infra.nats().connection(),
                        "tangle-attachment", "1.0.0").queue("api-server").meters(infra.metrics().registry())
                .description("may a user see a media item through a post or message")
                .endpoint(MediaContract.CAN_VIEW, access::canView).start());
        return new Attachments(access);
    }
}
