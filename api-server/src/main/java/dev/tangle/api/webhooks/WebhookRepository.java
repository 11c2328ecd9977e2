package dev.tangle.api.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL of webhooks and their deliveries. */
public final class WebhookRepository {

    private static final String COLUMNS = "id, owner_id, group_id, url, array_to_string(events, ',') AS events, "
            + "status, disabled_reason, created_at, secret";
    private static final String DELIVERY_COLUMNS = "id, webhook_id, event_id, event_type, status, attempts, "
            + "last_status, last_error, next_attempt_at, created_at, delivered_at";

    /** How long the answer of {@link #anyActive} is believed without asking again (changes on other instances). */
    static final long ACTIVE_TTL_NANOS = 1_000_000_000L;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile Known known = new Known(true, System.nanoTime(), -1);

    /** A cached answer of {@link #anyActive}: valid until {@code until} (nanoTime) if no change came since. */
    private record Known(boolean active, long until, long generation) {
    }

    /** A webhook with its secret, as the dispatcher needs it. */
    public record Stored(Webhook webhook, String secret) {
    }

    /** The oldest undelivered event of an endpoint. */
    public record Head(UUID id, String eventId, String body, int attempts, Instant createdAt, Instant nextAttemptAt) {
    }

    public void insert(DbExecute tx, Webhook w) {
        tx.createInsert("INSERT INTO webhooks (id, owner_id, group_id, url, events, secret) VALUES (?, ?, ?, ?, CAST(? AS text[]), ?)")
                .addParam(w.id()).addParam(w.ownerId()).addParam(w.groupId()).addParam(w.url())
                .addParam(Rows.array(w.events())).addParam(w.secret()).execute();
    }

    public Optional<Stored> find(DbExecute db, UUID id) {
        return db.createGet("SELECT " + COLUMNS + " FROM webhooks WHERE id = ?").addParam(id).execute()
                .map(WebhookRepository::stored);
    }

    public List<Webhook> owned(DbExecute db, UUID ownerId) {
        return db.createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE owner_id = ? ORDER BY id").addParam(ownerId)
                .execute().map(r -> stored(r).webhook().withoutSecret()).toList();
    }

    public void update(DbExecute tx, UUID id, String url, List<String> events, String status, String reason) {
        tx.createUpdate("UPDATE webhooks SET url = ?, events = CAST(? AS text[]), status = ?, disabled_reason = ? WHERE id = ?")
                .addParam(url).addParam(Rows.array(events)).addParam(status).addParam(reason).addParam(id).execute();
    }

    public void delete(DbExecute tx, UUID id) {
        tx.createDelete("DELETE FROM webhooks WHERE id = ?").addParam(id).execute();
    }

    /**
     * Whether any webhook is active, so the fan-in can skip events while none is (ADR 0127). The answer is cached
     * for {@link #ACTIVE_TTL_NANOS} and forgotten at once by {@link #changed()}.
     */
    public boolean anyActive(DbExecute db) {
        Known k = known;
        long now = System.nanoTime();
        if (k.generation() == generation.get() && now - k.until() < 0) {
            return k.active();
        }
        long asked = generation.get();
        boolean active = db.createGet("SELECT EXISTS (SELECT 1 FROM webhooks WHERE status = 'active') AS any")
                .execute().map(r -> Rows.bool(r, "any")).orElse(true);
        known = new Known(active, now + ACTIVE_TTL_NANOS, asked);
        return active;
    }

    /** A webhook was created, enabled, disabled or removed (call after the commit): ask {@link #anyActive} again. */
    public void changed() {
        generation.incrementAndGet();
    }

    /** Active webhooks of these users' own events or these groups' events that want {@code type}. */
    public List<UUID> matching(DbExecute db, Collection<UUID> users, Collection<UUID> groups, String type) {
        return db.createQuery("""
                        SELECT id FROM webhooks WHERE status = 'active'
                          AND ((group_id IS NULL AND owner_id = ANY (CAST(? AS uuid[])))
                               OR group_id = ANY (CAST(? AS uuid[])))
                          AND ('*' = ANY (events) OR ? = ANY (events))
                        """)
                .addParam(Rows.uuidArray(users)).addParam(Rows.uuidArray(groups)).addParam(type)
                .execute().map(r -> Rows.uuid(r, "id")).toList();
    }

    /** Adds a delivery; the same event again for the same endpoint changes nothing (redelivered events). */
    public void addDelivery(DbExecute tx, UUID id, UUID webhookId, String eventId, String type, String body) {
        tx.createInsert("INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, body) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (webhook_id, event_id) DO NOTHING")
                .addParam(id).addParam(webhookId).addParam(eventId).addParam(type).addParam(body).execute();
    }

    /** Takes up to {@code limit} active endpoints with a due delivery that no instance holds, for {@code leaseFor}. */
    public List<Stored> lease(DbExecute tx, Duration leaseFor, int limit) {
        return tx.createQuery("""
                        UPDATE webhooks SET lease_until = now() + CAST(? AS interval) WHERE id IN (
                            SELECT w.id FROM webhooks w
                            WHERE w.status = 'active' AND (w.lease_until IS NULL OR w.lease_until < now())
                              AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.webhook_id = w.id
                                          AND d.status = 'pending' AND d.next_attempt_at <= now())
                            ORDER BY w.id LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .addParam(leaseFor.toMillis() + " milliseconds").addParam(limit)
                .execute().map(WebhookRepository::stored).toList();
    }

    public void release(DbExecute tx, UUID webhookId) {
        tx.createUpdate("UPDATE webhooks SET lease_until = NULL WHERE id = ?").addParam(webhookId).execute();
    }

    /** The oldest pending delivery of an endpoint, whether due or not (later ones wait behind it). */
    public Optional<Head> head(DbExecute db, UUID webhookId) {
        return db.createGet("SELECT id, event_id, body, attempts, created_at, next_attempt_at FROM webhook_deliveries "
                        + "WHERE webhook_id = ? AND status = 'pending' ORDER BY id LIMIT 1")
                .addParam(webhookId).execute()
                .map(r -> new Head(Rows.uuid(r, "id"), Rows.string(r, "event_id"), Rows.string(r, "body"),
                        Rows.intValue(r, "attempts"), Rows.instant(r, "created_at"), Rows.instant(r, "next_attempt_at")));
    }

    public void delivered(DbExecute tx, UUID deliveryId, int status) {
        tx.createUpdate("UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status = ?, "
                        + "last_error = NULL, delivered_at = now() WHERE id = ?")
                .addParam(status).addParam(deliveryId).execute();
    }

    /** A failed attempt: retried at {@code next}, or dead when {@code next} is null. */
    public void failed(DbExecute tx, UUID deliveryId, Integer status, String error, Instant next) {
        tx.createUpdate("UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?, "
                        + "status = CASE WHEN CAST(? AS timestamptz) IS NULL THEN 'dead' ELSE 'pending' END, "
                        + "next_attempt_at = coalesce(CAST(? AS timestamptz), next_attempt_at) WHERE id = ?")
                .addParam(status).addParam(error).addParam(next == null ? null : Rows.ts(next))
                .addParam(next == null ? null : Rows.ts(next)).addParam(deliveryId).execute();
    }

    public List<Delivery> deliveries(DbExecute db, UUID webhookId, Optional<String> status, UUID before, int rows) {
        return db.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE webhook_id = ? AND id < ? "
                        + "AND (CAST(? AS text) IS NULL OR status = ?) ORDER BY id DESC LIMIT ?")
                .addParam(webhookId).addParam(before).addParam(status.orElse(null)).addParam(status.orElse(null))
                .addParam(rows).execute().map(WebhookRepository::delivery).toList();
    }

    /** A dead delivery goes back to the queue, in its original place; false if there is no such dead delivery. */
    public boolean replay(DbExecute tx, UUID webhookId, UUID deliveryId) {
        return tx.createUpdate("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), "
                        + "created_at = now() WHERE id = ? AND webhook_id = ? AND status = 'dead'")
                .addParam(deliveryId).addParam(webhookId).execute() == 1;
    }

    /** The group of a channel conversation, for chat events. */
    public Optional<UUID> channelGroup(DbExecute db, UUID conversationId) {
        return db.createGet("SELECT group_id FROM conversations WHERE id = ? AND kind = 'channel'")
                .addParam(conversationId).execute().map(r -> Rows.uuid(r, "group_id"));
    }

    private static Stored stored(DbRow r) {
        String events = Rows.string(r, "events");
        Webhook w = new Webhook(Rows.uuid(r, "id"), Rows.uuid(r, "owner_id"), Rows.optionalUuid(r, "group_id").orElse(null),
                Rows.string(r, "url"), events.isEmpty() ? List.of() : Arrays.asList(events.split(",")),
                Rows.string(r, "status"), r.column("disabled_reason").getString(), Rows.instant(r, "created_at"), null);
        return new Stored(w, Rows.string(r, "secret"));
    }

    private static Delivery delivery(DbRow r) {
        Object last = Rows.raw(r, "last_status");
        return new Delivery(Rows.uuid(r, "id"), Rows.uuid(r, "webhook_id"), Rows.string(r, "event_id"),
                Rows.string(r, "event_type"), Rows.string(r, "status"), Rows.intValue(r, "attempts"),
                last == null ? null : ((Number) last).intValue(), r.column("last_error").getString(),
                Rows.instant(r, "next_attempt_at"), Rows.instant(r, "created_at"),
                Rows.raw(r, "delivered_at") == null ? null : Rows.instant(r, "delivered_at"));
    }
}
