package dev.tangle.common.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import dev.tangle.common.event.Event;
import dev.tangle.common.json.Json;
import io.helidon.dbclient.DbExecute;

/**
 * Writes events into the outbox table of the caller's schema. Call it inside the transaction that makes the
 * change, so the event exists if and only if the change committed; {@link OutboxRelay} publishes it.
 */
public final class Outbox {

    private Outbox() {
    }

    public static void add(DbExecute tx, Event event) {
        tx.createInsert("INSERT INTO outbox (id, subject, payload) VALUES (?, ?, ?)")
                .addParam(UUID.fromString(event.id()))
                .addParam(event.natsSubject())
                .addParam(Json.write(event))
                .execute();
    }

    /** Adds several events with one statement (one round trip, one statement text whatever the count). */
    public static void addAll(DbExecute tx, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(events.size());
        List<String> subjects = new ArrayList<>(events.size());
        List<String> payloads = new ArrayList<>(events.size());
        for (Event event : events) {
            ids.add(event.id());
            subjects.add(event.natsSubject());
            payloads.add(new String(Json.write(event), StandardCharsets.UTF_8));
        }
        tx.createInsert("INSERT INTO outbox (id, subject, payload) SELECT id, subject, convert_to(payload, 'UTF8') "
                        + "FROM unnest(?::uuid[], ?::text[], ?::text[]) AS t(id, subject, payload)")
                .addParam(Rows.array(ids)).addParam(Rows.array(subjects)).addParam(Rows.array(payloads))
                .execute();
    }
}
