package dev.tangle.common.event;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tangle.common.id.Ids;
import dev.tangle.common.nats.Subjects;

/**
 * The one event envelope: CloudEvents 1.0 structured JSON. {@code type} is {@code tangle.<domain>.<event>},
 * {@code subject} the id of the entity it is about, {@code id} the de-duplication key on the stream.
 *
 * @param specversion     always {@code 1.0}
 * @param id              event id (UUIDv7), also the {@code Nats-Msg-Id}
 * @param source          producing service, e.g. {@code /tangle/api-server}
 * @param type            e.g. {@code tangle.chat.message.created}
 * @param subject         id of the entity (conversation, user, post …)
 * @param time            when the change was made
 * @param datacontenttype always {@code application/json}
 * @param data            the payload documented in {@code docs/events.md}
 * @param natsSubject     where it is published, e.g. {@code tangle.evt.chat.<id>.message.created} (not serialized)
 */
public record Event(String specversion,
                    String id,
                    String source,
                    String type,
                    String subject,
                    Instant time,
                    String datacontenttype,
                    Object data,
                    @JsonIgnore String natsSubject) {

    /**
     * A new event about entity {@code entityId} of {@code domain}.
     *
     * @param service producing service name, e.g. {@code api-server}
     * @param domain  e.g. {@code chat}, {@code user}, {@code group}, {@code post}
     * @param event   dotted event name, e.g. {@code message.created}
     */
    public static Event of(String service, String domain, UUID entityId, String event, Object data) {
        return new Event("1.0", Ids.newId().toString(), "/tangle/" + service, "tangle." + domain + "." + event,
                entityId.toString(), Instant.now(), "application/json", data, Subjects.event(domain, entityId, event));
    }
}
