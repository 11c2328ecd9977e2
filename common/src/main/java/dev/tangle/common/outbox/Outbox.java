package dev.tangle.common.outbox;

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
}
