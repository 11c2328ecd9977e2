package dev.tangle.api.chat.message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.api.media.MediaValidator;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.json.Json;
import dev.tangle.common.contract.MediaContract.MediaSummary;

/**
 * Adds {@code attachments} (current metadata of {@code mediaIds}, a {@code status:"deleted"} placeholder once
 * deleted) to message objects in REST answers. Messages without media are sent unchanged, so the chat path pays
 * nothing; pushed events keep the stored shape ({@code mediaIds} only).
 */
public final class MessageAttachments {

    private MessageAttachments() {
    }

    public static Object message(MediaValidator media, Message m) {
        if (m.mediaIds().isEmpty()) {
            return m;
        }
        return with(m, media.attachments(m.mediaIds(), media.describe(m.mediaIds())));
    }

    /** A history page {@code {items, hasMore}}; {@code page} is returned as it is when nothing in it has media. */
    public static Object history(MediaValidator media, Object page, List<Message> messages, boolean hasMore) {
        List<UUID> ids = messages.stream().flatMap(m -> m.mediaIds().stream()).toList();
        if (ids.isEmpty()) {
            return page;
        }
        Map<String, MediaSummary> described = media.describe(ids);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (Message m : messages) {
            items.add(m.mediaIds().isEmpty() ? (com.fasterxml.jackson.databind.JsonNode) Json.MAPPER.valueToTree(m)
                    : with(m, media.attachments(m.mediaIds(), described)));
        }
        out.put("hasMore", hasMore);
        return out;
    }

    private static ObjectNode with(Message m, List<MediaSummary> attachments) {
        ObjectNode node = Json.MAPPER.valueToTree(m);
        node.set("attachments", Json.MAPPER.valueToTree(attachments));
        return node;
    }
}
