package dev.tangle.socket.fanout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.tangle.common.contract.chat.ChatContract;
import dev.tangle.common.contract.chat.ChatContract.HistoryReply;
import dev.tangle.common.contract.chat.ChatContract.HistoryRequest;
import dev.tangle.common.contract.chat.ChatContract.UserRequest;
import dev.tangle.common.contract.social.SocialContract;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.nats.service.NatsServiceClient;
import dev.tangle.common.nats.service.Operation;
import dev.tangle.socket.frames.FrameException;
import io.nats.client.Connection;

/**
 * Calls api-server's {@code tangle.svc.chat.*} and {@code tangle.svc.social.*} operations of the contract
 * through {@link NatsServiceClient}. A failure api-server answered comes back as that very failure (code, status,
 * field errors) in a {@link FrameException}; no answer in time is {@code unavailable}.
 */
public final class ChatClient {

    /** Largest history page api-server serves. */
    public static final int HISTORY_PAGE = ChatContract.MAX_HISTORY;

    private final NatsServiceClient client;

    public ChatClient(Connection nats, Duration timeout) {
        this.client = new NatsServiceClient(nats, timeout);
    }

    /** An asynchronous call; the future fails with {@link FrameException}. */
    public <Q, R> CompletableFuture<R> request(Operation<Q, R> operation, Q request) {
        return client.request(operation, request).exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                frameFailure(failure)));
    }

    /** A blocking call (make it on a virtual thread). */
    public <Q, R> R call(Operation<Q, R> operation, Q request) {
        try {
            return client.call(operation, request);
        } catch (ApiException e) {
            throw FrameException.of(e);
        }
    }

    /** The conversations a user belongs to. */
    public List<UUID> memberships(UUID userId) {
        return call(ChatContract.MEMBERSHIPS, new UserRequest(userId)).conversationIds();
    }

    /** The user's friends, for presence. */
    public List<UUID> friends(UUID userId) {
        return call(SocialContract.FRIENDS, new SocialContract.FriendsRequest(userId)).friendIds();
    }

    /** One page of messages after {@code afterSeq}, ascending. */
    public HistoryReply history(UUID userId, UUID conversationId, long afterSeq) {
        return call(ChatContract.HISTORY, new HistoryRequest(userId, conversationId, afterSeq, HISTORY_PAGE));
    }

    /** The failure of a call as a frame failure. */
    public static FrameException frameFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof ApiException api ? FrameException.of(api)
                : new FrameException("internal_error", null, "The request failed");
    }
}
