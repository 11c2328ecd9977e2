package dev.tangle.common.nats;

import java.util.UUID;

/**
 * Subject names: lower case, dot separated, most general first, all under {@code tangle.}.
 * See {@code docs/events.md} for every subject and its payload.
 */
public final class Subjects {

    public static final String EVENTS_ALL = "tangle.evt.>";
    public static final String JOBS_ALL = "tangle.job.>";
    public static final String DEAD_LETTERS_ALL = "tangle.dlq.>";

    private Subjects() {
    }

    /** {@code tangle.evt.<domain>.<id>.<event>}, e.g. {@code tangle.evt.chat.<convId>.message.created}. */
    public static String event(String domain, UUID id, String event) {
        return "tangle.evt." + domain + "." + id + "." + event;
    }

    /** Every event of one entity: {@code tangle.evt.<domain>.<id>.>}. */
    public static String events(String domain, UUID id) {
        return "tangle.evt." + domain + "." + id + ".>";
    }

    /** {@code tangle.svc.<service>.<op>}: request/reply in a queue group. */
    public static String service(String service, String op) {
        return "tangle.svc." + service + "." + op;
    }

    /** {@code tangle.rt.<kind>.<id>}: core NATS, not stored. */
    public static String realtime(String kind, UUID id) {
        return "tangle.rt." + kind + "." + id;
    }

    /** {@code tangle.job.<kind>}: a work-queue job. */
    public static String job(String kind) {
        return "tangle.job." + kind;
    }

    /** {@code tangle.dlq.job.<kind>}: a job that exhausted its retries. */
    public static String deadLetter(String kind) {
        return "tangle.dlq.job." + kind;
    }
}
