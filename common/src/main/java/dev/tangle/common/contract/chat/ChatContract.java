package dev.tangle.common.contract.chat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.nats.service.Operation;

/**
 * {@code tangle.svc.chat.*}: what socket-server (or any service) asks api-server about chat, answered by
 * api-server in the queue group {@link #QUEUE}. Every request names the acting user ({@code userId}, taken by
 * the caller from a verified token) and is authorized exactly like the REST endpoint it mirrors.
 */
public final class ChatContract {

    /** The jnats service name ({@code nats micro ls}). */
    public static final String SERVICE_NAME = "tangle-chat";
    public static final String VERSION = "1.0.0";
    /** The queue group api-server instances share. */
    public static final String QUEUE = "api-server";
    /** Largest history page api-server serves. */
    public static final int MAX_HISTORY = 500;
    public static final int DEFAULT_HISTORY = 100;

    public static final Operation<SendRequest, SendReply> SEND =
            Operation.of("chat", "send", SendRequest.class, SendReply.class);
    public static final Operation<HistoryRequest, HistoryReply> HISTORY =
            Operation.of("chat", "history", HistoryRequest.class, HistoryReply.class);
    public static final Operation<UserRequest, MembershipsReply> MEMBERSHIPS =
            Operation.of("chat", "memberships", UserRequest.class, MembershipsReply.class);
    public static final Operation<MembersRequest, MembersReply> MEMBERS =
            Operation.of("chat", "members", MembersRequest.class, MembersReply.class);
    public static final Operation<ReadRequest, ReadReply> READ =
            Operation.of("chat", "read", ReadRequest.class, ReadReply.class);

    /** Every operation, for discovery tests and docs. */
    public static final List<Operation<?, ?>> OPERATIONS = List.of(SEND, HISTORY, MEMBERSHIPS, MEMBERS, READ);

    private ChatContract() {
    }

    /**
     * A send. {@code body} is the send exactly as a client wrote it, the same fields as the REST body of
     * {@code POST /v1/conversations/{id}/messages} (clientMsgId, text, format, …); api-server validates it with
     * the same code as REST, so both transports answer the same {@code code} naming the same field.
     *
     * @param userId         the sender
     * @param conversationId the conversation
     * @param body           the send's fields, unvalidated
     */
    public record SendRequest(UUID userId, UUID conversationId, ObjectNode body) {
    }

    /**
     * @param created false when the {@code clientMsgId} was sent before: {@code message} is that earlier one
     * @param message the committed message
     */
    public record SendReply(boolean created, Message message) {
    }

    /**
     * @param afterSeq messages after this seq (default 0)
     * @param limit    1 to {@link #MAX_HISTORY} (default {@link #DEFAULT_HISTORY})
     */
    public record HistoryRequest(UUID userId, UUID conversationId, Long afterSeq, Integer limit) {
    }

    /**
     * @param items   ascending seq, thread replies included, {@code reactions.mine} of the requesting user
     * @param hasMore whether more messages follow the last one
     */
    public record HistoryReply(List<Message> items, boolean hasMore) {
    }

    /** A request about the acting user only. */
    public record UserRequest(UUID userId) {
    }

    /** @param conversationIds every conversation the user is a member of */
    public record MembershipsReply(List<UUID> conversationIds) {
    }

    /** The members of a conversation the user belongs to. */
    public record MembersRequest(UUID userId, UUID conversationId) {
    }

    /** @param memberIds the conversation's members */
    public record MembersReply(List<UUID> memberIds) {
    }

    /**
     * @param seq          the new read marker
     * @param force        move the marker backwards too
     * @param threadRootId the thread's marker instead of the conversation's
     */
    public record ReadRequest(UUID userId, UUID conversationId, Long seq, Boolean force, UUID threadRootId) {
    }

    /** @param conversationId the conversation whose marker was applied */
    public record ReadReply(UUID conversationId) {
    }
}
