package dev.tangle.geo.safety;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import dev.tangle.geo.support.GeoEvents;
import dev.tangle.geo.support.Sql;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL of contacts, SOS alerts, their recipients and check-ins. */
public final class SafetyRepository {

    public record Alert(UUID id, UUID ownerId, String status, String text, Double lat, Double lon, UUID shareId,
                        Instant startedAt, Instant escalatedAt, Instant resolvedAt) {
    }

    public record Recipient(UUID alertId, UUID userId, String role, UUID conversationId, Long messageSeq, Instant seenAt,
                            Instant ackedAt) {
    }

    public record Checkin(UUID id, UUID ownerId, Instant dueAt, List<UUID> contactIds, String status, Instant createdAt,
                          Instant closedAt) {
        public Map<String, Object> view() {
            return GeoEvents.data("id", id, "ownerId", ownerId, "dueAt", dueAt, "contactIds", contactIds, "status", status,
                    "createdAt", createdAt, "closedAt", closedAt);
        }
    }

    private static final String ALERT = "id, owner_id, status, text, lat, lon, share_id, started_at, escalated_at, resolved_at";
    private static final String CHECKIN = "id, owner_id, due_at, contact_ids, status, created_at, closed_at";

    public List<UUID> contacts(DbExecute db, UUID owner) {
        return db.createQuery("SELECT contact_id FROM safety_contacts WHERE owner_id = ?").addParam(owner).execute()
                .map(r -> Rows.uuid(r, "contact_id")).toList();
    }

    public Optional<Integer> escalateAfter(DbExecute db, UUID owner) {
        return db.createGet("SELECT escalate_after_seconds FROM safety_settings WHERE owner_id = ?").addParam(owner).execute()
                .map(r -> Rows.intValue(r, "escalate_after_seconds"));
    }

    public void replaceContacts(DbExecute tx, UUID owner, Collection<UUID> contacts, int escalateAfter) {
        tx.createDelete("DELETE FROM safety_contacts WHERE owner_id = ?").addParam(owner).execute();
        tx.createInsert("INSERT INTO safety_contacts (owner_id, contact_id) SELECT ?, c FROM unnest(?::uuid[]) AS t(c)")
                .addParam(owner).addParam(Rows.uuidArray(contacts)).execute();
        tx.createInsert("INSERT INTO safety_settings (owner_id, escalate_after_seconds, updated_at) VALUES (?, ?, now()) "
                        + "ON CONFLICT (owner_id) DO UPDATE SET escalate_after_seconds = EXCLUDED.escalate_after_seconds, updated_at = now()")
                .addParam(owner).addParam(escalateAfter).execute();
    }

    public void insertAlert(DbExecute tx, Alert a, Instant escalateAt, Collection<UUID> contacts) {
        tx.createInsert("INSERT INTO sos_alerts (" + ALERT + ", escalate_at) VALUES (?, ?, 'active', ?, ?, ?, ?, ?, NULL, NULL, ?)")
                .addParam(a.id()).addParam(a.ownerId()).addParam(a.text()).addParam(a.lat()).addParam(a.lon())
                .addParam(a.shareId()).addParam(Rows.ts(a.startedAt())).addParam(Rows.ts(escalateAt)).execute();
        addRecipients(tx, a.id(), contacts, "contact");
    }

    public void addRecipients(DbExecute tx, UUID alertId, Collection<UUID> users, String role) {
        tx.createInsert("INSERT INTO sos_recipients (alert_id, user_id, role, next_attempt_at) "
                        + "SELECT ?, u, ?, now() FROM unnest(?::uuid[]) AS t(u) ON CONFLICT DO NOTHING")
                .addParam(alertId).addParam(role).addParam(Rows.uuidArray(users)).execute();
    }

    public Optional<Alert> alert(DbExecute db, UUID id, boolean lock) {
        return db.createGet("SELECT " + ALERT + " FROM sos_alerts WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
                .addParam(id).execute().map(SafetyRepository::alert);
    }

    public List<Recipient> recipients(DbExecute db, UUID alertId) {
        return db.createQuery("SELECT alert_id, user_id, role, conversation_id, message_seq, seen_at, acked_at "
                              + "FROM sos_recipients WHERE alert_id = ?")
                .addParam(alertId).execute().map(SafetyRepository::recipient).toList();
    }

    public boolean ack(DbExecute tx, UUID alertId, UUID user) {
        boolean first = tx.createUpdate("UPDATE sos_recipients SET acked_at = now() WHERE alert_id = ? AND user_id = ? "
                                        + "AND acked_at IS NULL").addParam(alertId).addParam(user).execute() == 1;
        tx.createUpdate("UPDATE sos_alerts SET escalate_at = 'infinity' WHERE id = ? AND escalated_at IS NULL")
                .addParam(alertId).execute();
        return first;
    }

    public void resolve(DbExecute tx, UUID alertId) {
        tx.createUpdate("UPDATE sos_alerts SET status = 'resolved', resolved_at = now() WHERE id = ?").addParam(alertId).execute();
    }

    /** Active, unacknowledged alerts past their escalation time; locked and marked escalated. */
    public List<Alert> claimEscalations(DbExecute tx, int limit) {
        List<Alert> due = tx.createQuery("SELECT " + ALERT + " FROM sos_alerts a WHERE status = 'active' AND escalated_at IS NULL "
                                         + "AND escalate_at <= now() AND NOT EXISTS (SELECT 1 FROM sos_recipients r "
                                         + "WHERE r.alert_id = a.id AND r.acked_at IS NOT NULL) LIMIT ? FOR UPDATE SKIP LOCKED")
                .addParam(limit).execute().map(SafetyRepository::alert).toList();
        for (Alert a : due) {
            tx.createUpdate("UPDATE sos_alerts SET escalated_at = now() WHERE id = ?").addParam(a.id()).execute();
        }
        return due;
    }

    /** Users who actively share their location with {@code owner}. */
    public List<UUID> sharersWith(DbExecute db, UUID owner) {
        return db.createQuery("SELECT DISTINCT s.owner_id FROM shares s JOIN share_viewers v ON v.share_id = s.id "
                              + "WHERE v.viewer_id = ? AND s.ended_at IS NULL AND s.expires_at > now() AND s.owner_id <> ?")
                .addParam(owner).addParam(owner).execute().map(r -> Rows.uuid(r, "owner_id")).toList();
    }

    /** Contacts whose SOS message is still to be sent; locked. {alertId, userId, ownerId, text, lat, lon}. */
    public List<DbRow> claimDeliveries(DbExecute tx, int limit) {
        List<DbRow> rows = new ArrayList<>();
        tx.createQuery("SELECT r.alert_id, r.user_id, a.owner_id, a.text, a.lat, a.lon FROM sos_recipients r "
                       + "JOIN sos_alerts a ON a.id = r.alert_id WHERE r.message_id IS NULL AND r.role = 'contact' "
                       + "AND r.next_attempt_at <= now() LIMIT ? FOR UPDATE OF r SKIP LOCKED")
                .addParam(limit).execute().forEach(rows::add);
        return rows;
    }

    public void delivered(DbExecute tx, UUID alertId, UUID user, UUID conversationId, UUID messageId, long seq) {
        tx.createUpdate("UPDATE sos_recipients SET conversation_id = ?, message_id = ?, message_seq = ? "
                        + "WHERE alert_id = ? AND user_id = ?")
                .addParam(conversationId).addParam(messageId).addParam(seq).addParam(alertId).addParam(user).execute();
    }

    public void retryLater(DbExecute tx, UUID alertId, UUID user) {
        tx.createUpdate("UPDATE sos_recipients SET attempts = attempts + 1, next_attempt_at = now() + "
                        + "make_interval(secs => least(60, power(2, attempts))) WHERE alert_id = ? AND user_id = ?")
                .addParam(alertId).addParam(user).execute();
    }

    /** A read receipt: every unseen SOS message at or below {@code seq} in the conversation, read by {@code user}. */
    public List<UUID> markSeen(DbExecute tx, UUID conversationId, UUID user, long seq) {
        return tx.createQuery("UPDATE sos_recipients SET seen_at = now() WHERE conversation_id = ? AND user_id = ? "
                              + "AND message_seq <= ? AND seen_at IS NULL RETURNING alert_id")
                .addParam(conversationId).addParam(user).addParam(seq).execute().map(r -> Rows.uuid(r, "alert_id")).toList();
    }

    public void insertCheckin(DbExecute tx, Checkin c) {
        tx.createInsert("INSERT INTO checkins (" + CHECKIN + ") VALUES (?, ?, ?, ?::uuid[], 'pending', ?, NULL)")
                .addParam(c.id()).addParam(c.ownerId()).addParam(Rows.ts(c.dueAt())).addParam(Rows.uuidArray(c.contactIds()))
                .addParam(Rows.ts(c.createdAt())).execute();
    }

    public Optional<Checkin> checkin(DbExecute db, UUID id, boolean lock) {
        return db.createGet("SELECT " + CHECKIN + " FROM checkins WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
                .addParam(id).execute().map(SafetyRepository::checkin);
    }

    public List<Checkin> checkins(DbExecute db, UUID owner) {
        return db.createQuery("SELECT " + CHECKIN + " FROM checkins WHERE owner_id = ? ORDER BY created_at DESC LIMIT 100")
                .addParam(owner).execute().map(SafetyRepository::checkin).toList();
    }

    public void closeCheckin(DbExecute tx, UUID id, String status) {
        tx.createUpdate("UPDATE checkins SET status = ?, closed_at = now() WHERE id = ?").addParam(status).addParam(id).execute();
    }

    /** Pending check-ins past due; locked and marked missed. */
    public List<Checkin> claimMissed(DbExecute tx, int limit) {
        List<Checkin> due = tx.createQuery("SELECT " + CHECKIN + " FROM checkins WHERE status = 'pending' AND due_at <= now() "
                                           + "LIMIT ? FOR UPDATE SKIP LOCKED")
                .addParam(limit).execute().map(SafetyRepository::checkin).toList();
        due.forEach(c -> closeCheckin(tx, c.id(), "missed"));
        return due;
    }

    private static Alert alert(DbRow r) {
        return new Alert(Rows.uuid(r, "id"), Rows.uuid(r, "owner_id"), Rows.string(r, "status"),
                (String) Rows.raw(r, "text"), Rows.optionalDouble(r, "lat"), Rows.optionalDouble(r, "lon"),
                Rows.optionalUuid(r, "share_id").orElse(null), Rows.instant(r, "started_at"),
                Rows.instant(r, "escalated_at"), Rows.instant(r, "resolved_at"));
    }

    private static Recipient recipient(DbRow r) {
        Object seq = Rows.raw(r, "message_seq");
        return new Recipient(Rows.uuid(r, "alert_id"), Rows.uuid(r, "user_id"), Rows.string(r, "role"),
                Rows.optionalUuid(r, "conversation_id").orElse(null), seq == null ? null : ((Number) seq).longValue(),
                Rows.instant(r, "seen_at"), Rows.instant(r, "acked_at"));
    }

    private static Checkin checkin(DbRow r) {
        return new Checkin(Rows.uuid(r, "id"), Rows.uuid(r, "owner_id"), Rows.instant(r, "due_at"), Sql.uuids(r, "contact_ids"),
                Rows.string(r, "status"), Rows.instant(r, "created_at"), Rows.instant(r, "closed_at"));
    }
}
