package dev.tangle.api.chat.svc;

import java.util.UUID;

import dev.tangle.api.chat.conversation.ConversationService;
import dev.tangle.api.chat.message.MessageService;
import dev.tangle.api.chat.message.SendCommand;
import dev.tangle.api.chat.message.SendResult;
import dev.tangle.api.chat.read.ReadService;
import dev.tangle.common.contract.chat.ChatContract;
import dev.tangle.common.contract.chat.ChatContract.HistoryReply;
import dev.tangle.common.contract.chat.ChatContract.HistoryRequest;
import dev.tangle.common.contract.chat.ChatContract.MembersReply;
import dev.tangle.common.contract.chat.ChatContract.MembersRequest;
import dev.tangle.common.contract.chat.ChatContract.MembershipsReply;
import dev.tangle.common.contract.chat.ChatContract.ReadReply;
import dev.tangle.common.contract.chat.ChatContract.ReadRequest;
import dev.tangle.common.contract.chat.ChatContract.SendReply;
import dev.tangle.common.contract.chat.ChatContract.SendRequest;
import dev.tangle.common.contract.chat.ChatContract.UserRequest;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.JsonBody;
import dev.tangle.common.nats.service.NatsService;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;

/**
 * The {@code tangle.svc.chat.*} operations of {@link ChatContract}, served on the common {@link NatsService}
 * (queue group {@code api-server}, bounded concurrency on virtual threads, drain on stop). The acting user is the
 * request's {@code userId} (the caller took it from a verified token); every request is authorized and validated
 * exactly like the REST endpoint it mirrors — a send by the very {@link SendCommand#parse} REST uses.
 */
public final class ChatServiceEndpoints {

    private final MessageService messages;
    private final ConversationService conversations;
    private final ReadService reads;

    private ChatServiceEndpoints(MessageService messages, ConversationService conversations, ReadService reads) {
        this.messages = messages;
        this.conversations = conversations;
        this.reads = reads;
    }

    /** Starts the service; close the returned one to drain it. */
    public static NatsService start(Connection connection, MessageService messages, ConversationService conversations,
                                    ReadService reads, int maxConcurrency, int sendConcurrency, int setupConcurrency,
                                    MeterRegistry meters) {
        ChatServiceEndpoints endpoints = new ChatServiceEndpoints(messages, conversations, reads);
        return NatsService.builder(connection, ChatContract.SERVICE_NAME, ChatContract.VERSION)
                .description("Chat commands and queries of api-server")
                .queue(ChatContract.QUEUE).maxConcurrency(maxConcurrency).meters(meters)
                .endpoint(ChatContract.SEND, endpoints::send, sendConcurrency)
                .endpoint(ChatContract.HISTORY, endpoints::history)
                .endpoint(ChatContract.MEMBERSHIPS, endpoints::memberships, setupConcurrency)
                .endpoint(ChatContract.MEMBERS, endpoints::members)
                .endpoint(ChatContract.READ, endpoints::read)
                .start();
    }

    private SendReply send(SendRequest request) {
        UUID userId = required("userId", request.userId());
        UUID conversationId = required("conversationId", request.conversationId());
        SendResult result = messages.send(SendCommand.parse(userId, conversationId, JsonBody.of(request.body())));
        return new SendReply(result.created(), result.message());
    }

    private HistoryReply history(HistoryRequest request) {
        UUID userId = required("userId", request.userId());
        UUID conversationId = required("conversationId", request.conversationId());
        long afterSeq = request.afterSeq() == null ? 0 : request.afterSeq();
        if (afterSeq < 0) {
            throw Problems.validation("afterSeq", "must be between 0 and " + Long.MAX_VALUE);
        }
        int limit = request.limit() == null ? ChatContract.DEFAULT_HISTORY : request.limit();
        if (limit < 1 || limit > ChatContract.MAX_HISTORY) {
            throw Problems.validation("limit", "must be between 1 and " + ChatContract.MAX_HISTORY);
        }
        var history = messages.history(userId, conversationId, null, afterSeq, null, limit);
        return new HistoryReply(history.items(), history.hasMore());
    }

    private MembershipsReply memberships(UserRequest request) {
        return new MembershipsReply(conversations.conversationIds(required("userId", request.userId())));
    }

    private MembersReply members(MembersRequest request) {
        UUID userId = required("userId", request.userId());
        return new MembersReply(conversations.memberIds(userId, required("conversationId", request.conversationId())));
    }

    private ReadReply read(ReadRequest request) {
        UUID userId = required("userId", request.userId());
        UUID conversationId = required("conversationId", request.conversationId());
        long seq = required("seq", request.seq());
        if (seq < 0) {
            throw Problems.validation("seq", "must be between 0 and " + Long.MAX_VALUE);
        }
        reads.markRead(userId, conversationId, seq, Boolean.TRUE.equals(request.force()), request.threadRootId());
        return new ReadReply(conversationId);
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw Problems.validation(field, "is required");
        }
        return value;
    }
}
