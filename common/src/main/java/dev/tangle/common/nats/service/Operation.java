package dev.tangle.common.nats.service;

import dev.tangle.common.nats.Subjects;

/**
 * One request/reply operation of a service, {@code tangle.svc.<service>.<name>}, with its typed request and
 * reply. Declared once in the owning service's contract and used by both {@link NatsService} (the server) and
 * {@link NatsServiceClient} (callers), so the two sides cannot drift.
 *
 * @param service     the service group, e.g. {@code chat}
 * @param name        the endpoint, e.g. {@code send}
 * @param requestType record (or {@code JsonNode}) the request body decodes to
 * @param replyType   record (or {@code JsonNode}) the reply body decodes to
 */
public record Operation<Q, R>(String service, String name, Class<Q> requestType, Class<R> replyType) {

    public static <Q, R> Operation<Q, R> of(String service, String name, Class<Q> requestType, Class<R> replyType) {
        return new Operation<>(service, name, requestType, replyType);
    }

    public String subject() {
        return Subjects.service(service, name);
    }
}
