package dev.tangle.api.social;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Subjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;

/**
 * {@code tangle.svc.social.friends}: request {@code {userId}}, reply {@code {ok:true, friendIds}}, in queue
 * group {@code api-server}. The socket-server asks it for the presence audience of a connecting user.
 */
public final class SocialNatsService implements AutoCloseable {

    public static final String FRIENDS = Subjects.service("social", "friends");
    static final String QUEUE = "api-server";

    private static final System.Logger LOG = System.getLogger(SocialNatsService.class.getName());

    private final Connection connection;
    private final FriendService friends;
    private Dispatcher dispatcher;

    public SocialNatsService(Connection connection, FriendService friends) {
        this.connection = connection;
        this.friends = friends;
    }

    public SocialNatsService start() {
        dispatcher = connection.createDispatcher();
        dispatcher.subscribe(FRIENDS, QUEUE, this::onFriends);
        return this;
    }

    private void onFriends(Message msg) {
        byte[] reply;
        try {
            UUID userId = userId(msg.getData());
            reply = Json.write(Map.of("ok", true, "friendIds", friends.friendIds(userId)));
        } catch (ApiException e) {
            reply = error(e.status(), e.code(), e.detail());
        } catch (RuntimeException e) {
            var known = dev.tangle.common.db.DbFailures.asProblem(e);
            if (known.isPresent()) {
                reply = error(known.get().status(), known.get().code(), known.get().detail());
            } else {
                LOG.log(Level.ERROR, "Failed to answer " + FRIENDS, e);
                reply = error(500, "internal_error", "The request failed");
            }
        }
        if (msg.getReplyTo() != null) {
            connection.publish(msg.getReplyTo(), reply);
        }
    }

    private static UUID userId(byte[] data) {
        JsonNode node;
        try {
            node = Json.tree(data);
        } catch (RuntimeException e) {
            throw Problems.malformedJson("Request is not JSON: " + new String(data, 0, Math.min(data.length, 64), StandardCharsets.UTF_8));
        }
        JsonNode id = node.get("userId");
        return Ids.parse(id == null || !id.isTextual() ? null : id.asText())
                .orElseThrow(() -> Problems.validation("userId", "is required and must be an id"));
    }

    private static byte[] error(int status, String code, String detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("code", code);
        error.put("detail", detail);
        return Json.write(Map.of("ok", false, "error", error));
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            connection.closeDispatcher(dispatcher);
        }
    }

}
