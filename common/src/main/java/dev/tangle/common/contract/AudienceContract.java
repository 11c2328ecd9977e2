package dev.tangle.common.contract;

import java.util.List;


import dev.tangle.common.nats.service.Operation;

/**
 * What geo-service asks api-server (the owner of the social graph and chat), queue group {@code api-server}.
 */
public final class AudienceContract {

    /**
     * The users a user may share with: of {@code userIds} those that are friends (any other is a 400 naming
     * {@code userIds}), the members of {@code conversationId} or {@code groupId} (404 unless the caller is a member),
     * never the caller, never anyone blocked either way.
     */
    public static final Operation<AudienceRequest, AudienceReply> AUDIENCE =
            Operation.of("social", "audience", AudienceRequest.class, AudienceReply.class);

    /** The direct conversation of two users, created if missing (404 when blocked or unknown). */
    public static final Operation<DirectRequest, DirectReply> DIRECT =
            Operation.of("chat", "direct", DirectRequest.class, DirectReply.class);

    private AudienceContract() {
    }

    public record AudienceRequest(String userId, List<String> userIds, String conversationId, String groupId) {
    }

    public record AudienceReply(List<String> memberIds) {
    }

    public record DirectRequest(String userId, String otherUserId) {
    }

    public record DirectReply(String conversationId) {
    }
}
