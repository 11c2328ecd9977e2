package dev.tangle.common.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tangle.common.db.Repository;
import dev.tangle.common.db.Rows;
import dev.tangle.common.event.Event;
import dev.tangle.common.json.Json;
import io.helidon.dbclient.DbExecute;

/**
 * Writes events into the outbox table of the caller's schema. Call it inside the transaction that makes the
 * change, so the event exists if and only if the change committed; {@link OutboxRelay} publishes it. The writer of
 * the outbox table, hence a {@link Repository}.
 */
@Repository
public final class Outbox {

    private Outbox() {
    }

    public static void add(DbExecute tx, Event event) {
        addAll(tx, List.of(event));
    }

    /** Adds several events with one statement (one round trip, one statement text whatever the count). */
    public static void addAll(DbExecute tx, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Columns columns = Columns.of(events);
        tx.createInsert("INSERT INTO outbox (id, subject, payload) SELECT id, subject, convert_to(payload, 'UTF8') "
                        + "FROM unnest(?::uuid[], ?::text[], ?::text[]) AS t(id, subject, payload)")
                .addParam(columns.ids()).addParam(columns.subjects()).addParam(columns.payloads())
                .execute();
    }

    /**
     * Events as three array literals for {@code unnest(?::uuid[], ?::text[], ?::text[])}: ids, NATS subjects and
     * JSON payloads (text; the table stores {@code convert_to(payload, 'UTF8')}), for statements that write their
     * outbox rows themselves.
     */
    public record Columns(String ids, String subjects, String payloads) {
        public static Columns of(List<Event> events) {
            List<String> ids = new ArrayList<>(events.size());
            List<String> subjects = new ArrayList<>(events.size());
            List<String> payloads = new ArrayList<>(events.size());
            for (Event event : events) {
                ids.add(event.id());
                subjects.add(event.natsSubject());
                payloads.add(new String(Json.write(event), StandardCharsets.UTF_8));
            }
            return new Columns(Rows.array(ids), Rows.array(subjects), Rows.array(payloads));
        }
    }
}
