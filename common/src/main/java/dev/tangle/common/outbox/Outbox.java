package dev.tangle.common.outbox;

import java.util.List;
import java.util.UUID;

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

    /** Adds several events with one statement (one round trip), for batched writes. */
    public static void addAll(DbExecute tx, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO outbox (id, subject, payload) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        var statement = tx.createInsert(sql.toString());
        for (Event event : events) {
            statement.addParam(UUID.fromString(event.id())).addParam(event.natsSubject()).addParam(Json.write(event));
        }
        statement.execute();
    }
}
