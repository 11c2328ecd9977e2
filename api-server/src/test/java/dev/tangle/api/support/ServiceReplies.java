package dev.tangle.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.json.Json;
import io.nats.client.Message;
import io.nats.service.ServiceMessage;

/** Reads a raw {@code tangle.svc.*} reply the way a client of the contract must. */
public final class ServiceReplies {

    private ServiceReplies() {
    }

    /**
     * {@code {ok:true, <reply fields>}}, or {@code {ok:false, error:<problem body>}} when the reply carries the
     * jnats service error headers (and then the body's status must equal {@code Nats-Service-Error-Code}).
     */
    public static JsonNode normalized(Message reply) {
        ObjectNode tree = Json.MAPPER.createObjectNode();
        boolean error = reply.getHeaders() != null
                        && reply.getHeaders().containsKey(ServiceMessage.NATS_SERVICE_ERROR_CODE);
        tree.put("ok", !error);
        JsonNode body = Json.tree(reply.getData());
        if (error) {
            String status = reply.getHeaders().getFirst(ServiceMessage.NATS_SERVICE_ERROR_CODE);
            if (!status.equals(body.path("status").asText())) {
                throw new AssertionError("Nats-Service-Error-Code " + status + " but body " + body);
            }
            tree.set("error", body);
        } else {
            body.properties().forEach(e -> tree.set(e.getKey(), e.getValue()));
        }
        return tree;
    }
}
