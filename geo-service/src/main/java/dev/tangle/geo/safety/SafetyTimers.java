package dev.tangle.geo.safety;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.db.Database;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.db.Rows;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.geo.location.LocationStore;
import dev.tangle.geo.safety.SafetyRepository.Alert;
import dev.tangle.geo.safety.SafetyRepository.Checkin;
import dev.tangle.geo.share.ShareService;
import dev.tangle.geo.support.ApiClient;
import dev.tangle.common.nats.EventConsumer;
import dev.tangle.geo.support.GeoEvents;
import dev.tangle.geo.support.GeoMetrics;
import io.helidon.dbclient.DbRow;
import io.nats.client.Connection;

/**
 * Every instance polls the due rows (SOS escalations, SOS chat messages to send, missed check-ins, ended and stale
 * shares) each {@code geo.timer-poll-interval}; a row is claimed with {@code FOR UPDATE SKIP LOCKED} and changed in
 * the transaction that writes its events, so each fires once. Read receipts of SOS messages arrive from the
 * durable consumer {@code geo-service-sos-reads}.
 */
public final class SafetyTimers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SafetyTimers.class.getName());

    private final Database db;
    private final OutboxRelay relay;
    private final SafetyRepository repo;
    private final ShareService shares;
    private final LocationStore locations;
    private final ApiClient api;
    private final GeoMetrics metrics;
    private final Duration staleAfter;
    private final java.util.function.Function<UUID, String> staleReason;
    private final AtomicBoolean running = new AtomicBoolean();
    private final EventConsumer reads;

    public SafetyTimers(Database db, OutboxRelay relay, SafetyRepository repo, ShareService shares, LocationStore locations,
                        ApiClient api, GeoMetrics metrics, Duration staleAfter,
                        java.util.function.Function<UUID, String> staleReason, Connection nats) {
        this.db = db;
        this.relay = relay;
        this.repo = repo;
        this.shares = shares;
        this.locations = locations;
        this.api = api;
        this.metrics = metrics;
        this.staleAfter = staleAfter;
        this.staleReason = staleReason;
        this.reads = new EventConsumer(nats, "geo-service-sos-reads", "tangle.evt.chat.*.read",
                io.nats.client.api.DeliverPolicy.New, (subject, envelope) -> read(subject, envelope.path("data")));
    }

    public void schedule(ScheduledExecutorService scheduler, Duration interval) {
        scheduler.scheduleWithFixedDelay(() -> {
            if (running.compareAndSet(false, true)) {
                Thread.ofVirtual().name("geo-timers").start(() -> {
                    try {
                        tick();
                    } finally {
                        running.set(false);
                    }
                });
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean ready() {
        return reads.ready();
    }

    /** One pass over every kind of due row. */
    public void tick() {
        run("escalations", this::escalations);
        run("sos messages", this::deliveries);
        run("check-ins", this::missedCheckins);
        run("shares", () -> shares.sweep(staleAfter, staleReason));
    }

    private static void run(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Timer pass over " + what + " failed, next pass retries: " + e.getMessage());
        }
    }

    private void escalations() {
        List<UUID> owners = new ArrayList<>();
        db.inTransaction(tx -> {
            for (Alert a : repo.claimEscalations(tx, 50)) {
                long trigger = System.nanoTime();
                Set<UUID> circle = new HashSet<>(repo.sharersWith(tx, a.ownerId()));
                try {
                    circle.retainAll(api.friends(a.ownerId()));
                } catch (RuntimeException unavailable) {
                    // api-server down: everyone sharing with the owner is the circle
                }
                repo.recipients(tx, a.id()).forEach(r -> circle.remove(r.userId()));
                repo.addRecipients(tx, a.id(), circle, "escalated");
                if (a.shareId() != null) {
                    shares.addViewers(tx, a.shareId(), circle);
                }
                List<Event> events = new ArrayList<>();
                events.add(GeoEvents.domain(a.id(), "sos.escalated", GeoEvents.data("alertId", a.id(), "ownerId", a.ownerId(),
                        "userIds", List.copyOf(circle))));
                events.addAll(GeoEvents.notify(circle, "sos.escalated", GeoEvents.data("alertId", a.id(), "userId", a.ownerId(),
                        "lat", a.lat(), "lon", a.lon(), "shareId", a.shareId())));
                Outbox.addAll(tx, events);
                owners.add(a.ownerId());
                metrics.alert("sos.escalated", trigger);
            }
            return null;
        });
        if (!owners.isEmpty()) {
            owners.forEach(shares::committed);
        }
    }

    private void deliveries() {
        db.inTransaction(tx -> {
            for (DbRow row : repo.claimDeliveries(tx, 20)) {
                UUID alertId = Rows.uuid(row, "alert_id");
                UUID contact = Rows.uuid(row, "user_id");
                UUID owner = Rows.uuid(row, "owner_id");
                try {
                    UUID conversation = api.directConversation(owner, contact);
                    Message message = api.send(owner, conversation, "sos-" + alertId + "-" + contact,
                            text((String) Rows.raw(row, "text"), Rows.optionalDouble(row, "lat"), Rows.optionalDouble(row, "lon")));
                    repo.delivered(tx, alertId, contact, conversation, message.id(), message.seq());
                    Outbox.add(tx, GeoEvents.domain(alertId, "sos.messaged", GeoEvents.data("alertId", alertId,
                            "userId", contact, "conversationId", conversation, "messageId", message.id())));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "SOS message of alert " + alertId + " to " + contact + " not sent yet: " + e.getMessage());
                    repo.retryLater(tx, alertId, contact);
                }
            }
            return null;
        });
        relay.kick();
    }

    static String text(String text, Double lat, Double lon) {
        StringBuilder sb = new StringBuilder("SOS — I need help.");
        if (text != null && !text.isBlank()) {
            sb.append(' ').append(text);
        }
        if (lat != null && lon != null) {
            sb.append(String.format(java.util.Locale.ROOT, " Location: https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f", lat, lon));
        }
        return sb.toString();
    }

    private void missedCheckins() {
        int n = db.inTransaction(tx -> {
            List<Checkin> missed = repo.claimMissed(tx, 50);
            for (Checkin c : missed) {
                long trigger = System.nanoTime();
                Object last = locations.get(c.ownerId()).<Object>map(l -> GeoEvents.data("lat", l.lat(), "lon", l.lon(),
                        "accuracyM", l.accuracyM(), "at", l.at())).orElse(null);
                Outbox.add(tx, GeoEvents.domain(c.id(), "checkin.missed", GeoEvents.data("checkinId", c.id(),
                        "ownerId", c.ownerId(), "dueAt", c.dueAt())));
                Outbox.addAll(tx, GeoEvents.notify(c.contactIds(), "checkin.missed", GeoEvents.data("checkinId", c.id(),
                        "userId", c.ownerId(), "dueAt", c.dueAt(), "lastLocation", last)));
                metrics.alert("checkin.missed", trigger);
            }
            return missed.size();
        });
        if (n > 0) {
            relay.kick();
        }
    }

    private void read(String subject, JsonNode data) {
        UUID conversation = UUID.fromString(data.path("conversationId").asText());
        UUID user = UUID.fromString(data.path("userId").asText());
        long seq = data.path("seq").asLong();
        int n = db.inTransaction(tx -> {
            List<UUID> alerts = repo.markSeen(tx, conversation, user, seq);
            for (UUID alertId : alerts) {
                UUID owner = repo.alert(tx, alertId, false).map(Alert::ownerId).orElse(null);
                Outbox.add(tx, GeoEvents.domain(alertId, "sos.seen", GeoEvents.data("alertId", alertId, "userId", user)));
                if (owner != null) {
                    Outbox.addAll(tx, GeoEvents.notify(List.of(owner), "sos.seen", GeoEvents.data("alertId", alertId, "userId", user)));
                }
            }
            return alerts.size();
        });
        if (n > 0) {
            relay.kick();
        }
    }

    @Override
    public void close() {
        reads.close();
    }
}
