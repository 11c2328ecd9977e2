package dev.tangle.geo.safety;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.geo.location.LastLocation;
import dev.tangle.geo.location.LocationStore;
import dev.tangle.geo.safety.SafetyRepository.Alert;
import dev.tangle.geo.safety.SafetyRepository.Checkin;
import dev.tangle.geo.safety.SafetyRepository.Recipient;
import dev.tangle.geo.share.Share;
import dev.tangle.geo.share.ShareService;
import dev.tangle.geo.support.ApiClient;
import dev.tangle.geo.support.GeoEvents;
import io.helidon.dbclient.DbExecute;

/** The rules of safety contacts, SOS alerts and check-ins (the timers are in {@link SafetyTimers}). */
public final class SafetyService {

    private final Database db;
    private final OutboxRelay relay;
    private final SafetyRepository repo;
    private final ShareService shares;
    private final LocationStore locations;
    private final ApiClient api;
    private final Clock clock;
    private final Duration defaultEscalation;

    public SafetyService(Database db, OutboxRelay relay, SafetyRepository repo, ShareService shares, LocationStore locations,
                         ApiClient api, Clock clock, Duration defaultEscalation) {
        this.db = db;
        this.relay = relay;
        this.repo = repo;
        this.shares = shares;
        this.locations = locations;
        this.api = api;
        this.clock = clock;
        this.defaultEscalation = defaultEscalation;
    }

    public Map<String, Object> putContacts(UUID owner, List<UUID> userIds, Integer escalateAfterSeconds) {
        if (!userIds.isEmpty()) {
            api.audience(owner, userIds, null, null); // 400 naming userIds unless all are friends
        }
        int escalate = escalateAfterSeconds != null ? escalateAfterSeconds : (int) defaultEscalation.toSeconds();
        db.inTransaction(tx -> {
            repo.replaceContacts(tx, owner, userIds, escalate);
            return null;
        });
        return contacts(owner);
    }

    public Map<String, Object> contacts(UUID owner) {
        DbExecute read = db.client().execute();
        return GeoEvents.data("userIds", repo.contacts(read, owner),
                "escalateAfterSeconds", repo.escalateAfter(read, owner).orElse((int) defaultEscalation.toSeconds()));
    }

    public Map<String, Object> sos(UUID owner, Double lat, Double lon, String text) {
        DbExecute read = db.client().execute();
        List<UUID> contacts = repo.contacts(read, owner);
        if (contacts.isEmpty()) {
            throw Problems.conflict("Set safety contacts (PUT /v1/safety/contacts) before raising an SOS");
        }
        if (lat == null) {
            LastLocation last = locations.get(owner).orElse(null);
            if (last != null) {
                lat = last.lat();
                lon = last.lon();
            }
        }
        Instant now = clock.instant();
        int escalate = repo.escalateAfter(read, owner).orElse((int) defaultEscalation.toSeconds());
        UUID id = Ids.newId();
        Double fLat = lat;
        Double fLon = lon;
        Alert alert = db.inTransaction(tx -> {
            Share share = shares.startSos(tx, owner, contacts);
            Alert a = new Alert(id, owner, "active", text, fLat, fLon, share.id(), now, null, null);
            repo.insertAlert(tx, a, now.plusSeconds(escalate), contacts);
            List<Event> events = new ArrayList<>();
            events.add(GeoEvents.domain(id, "sos.started", GeoEvents.data("alertId", id, "ownerId", owner,
                    "contactIds", contacts, "shareId", share.id(), "escalateAfterSeconds", escalate)));
            events.addAll(GeoEvents.notify(contacts, "sos", GeoEvents.data("alertId", id, "userId", owner, "lat", fLat,
                    "lon", fLon, "text", text, "shareId", share.id())));
            Outbox.addAll(tx, events);
            return a;
        });
        shares.committed(owner);
        return view(alert, repo.recipients(db.client().execute(), id));
    }

    /** The alert as its owner or one of its recipients sees it; 404 for anyone else. */
    public Map<String, Object> get(UUID user, UUID id) {
        DbExecute read = db.client().execute();
        Alert a = repo.alert(read, id, false).orElseThrow(() -> Problems.notFound("Alert"));
        List<Recipient> recipients = repo.recipients(read, id);
        if (!a.ownerId().equals(user) && recipients.stream().noneMatch(r -> r.userId().equals(user))) {
            throw Problems.notFound("Alert");
        }
        return view(a, recipients);
    }

    public Map<String, Object> ack(UUID user, UUID id) {
        db.inTransaction(tx -> {
            Alert a = repo.alert(tx, id, true).orElseThrow(() -> Problems.notFound("Alert"));
            if (repo.recipients(tx, id).stream().noneMatch(r -> r.userId().equals(user))) {
                throw Problems.notFound("Alert");
            }
            if (!a.status().equals("active")) {
                throw Problems.conflict("The alert is resolved");
            }
            if (repo.ack(tx, id, user)) {
                Outbox.add(tx, GeoEvents.domain(id, "sos.acked", GeoEvents.data("alertId", id, "userId", user)));
                Outbox.addAll(tx, GeoEvents.notify(List.of(a.ownerId()), "sos.acked", GeoEvents.data("alertId", id, "userId", user)));
            }
            return null;
        });
        relay.kick();
        return get(user, id);
    }

    public Map<String, Object> resolve(UUID owner, UUID id) {
        UUID[] shareId = new UUID[1];
        db.inTransaction(tx -> {
            Alert a = repo.alert(tx, id, true).filter(x -> x.ownerId().equals(owner))
                    .orElseThrow(() -> Problems.notFound("Alert"));
            if (a.status().equals("active")) {
                repo.resolve(tx, id);
                if (a.shareId() != null) {
                    shares.endInTx(tx, a.shareId());
                    shareId[0] = a.shareId();
                }
                List<UUID> recipients = repo.recipients(tx, id).stream().map(Recipient::userId).toList();
                Outbox.add(tx, GeoEvents.domain(id, "sos.resolved", GeoEvents.data("alertId", id, "ownerId", owner)));
                Outbox.addAll(tx, GeoEvents.notify(recipients, "sos.resolved", GeoEvents.data("alertId", id, "userId", owner)));
            }
            return null;
        });
        shares.committed(owner);
        return get(owner, id);
    }

    public Checkin checkin(UUID owner, Instant dueAt, List<UUID> contactIds) {
        Instant now = clock.instant();
        if (!dueAt.isAfter(now) || dueAt.isAfter(now.plus(Duration.ofDays(7)))) {
            throw Problems.validation("dueAt", "must be in the future, at most 7 days ahead");
        }
        List<UUID> contacts = contactIds;
        if (contacts == null) {
            contacts = repo.contacts(db.client().execute(), owner);
        } else if (!contacts.isEmpty()) {
            api.audience(owner, contacts, null, null);
        }
        if (contacts.isEmpty()) {
            throw Problems.validation("contactIds", "no contacts: give contactIds or set safety contacts");
        }
        Checkin c = new Checkin(Ids.newId(), owner, dueAt, contacts, "pending", now, null);
        db.inTransaction(tx -> {
            repo.insertCheckin(tx, c);
            Outbox.add(tx, GeoEvents.domain(c.id(), "checkin.created", GeoEvents.data("checkinId", c.id(), "ownerId", owner,
                    "dueAt", dueAt)));
            return null;
        });
        relay.kick();
        return c;
    }

    public Checkin done(UUID owner, UUID id) {
        Checkin result = db.inTransaction(tx -> {
            Checkin c = repo.checkin(tx, id, true).filter(x -> x.ownerId().equals(owner))
                    .orElseThrow(() -> Problems.notFound("Check-in"));
            if (!c.status().equals("pending")) {
                throw Problems.conflict("The check-in is already " + c.status());
            }
            repo.closeCheckin(tx, id, "done");
            Outbox.add(tx, GeoEvents.domain(id, "checkin.done", GeoEvents.data("checkinId", id, "ownerId", owner)));
            return repo.checkin(tx, id, false).orElseThrow();
        });
        relay.kick();
        return result;
    }

    public List<Checkin> checkins(UUID owner) {
        return repo.checkins(db.client().execute(), owner);
    }

    static Map<String, Object> view(Alert a, List<Recipient> recipients) {
        List<Map<String, Object>> acks = new ArrayList<>();
        List<Map<String, Object>> seen = new ArrayList<>();
        for (Recipient r : recipients) {
            if (r.ackedAt() != null) {
                acks.add(GeoEvents.data("userId", r.userId(), "at", r.ackedAt()));
            }
            if (r.seenAt() != null) {
                seen.add(GeoEvents.data("userId", r.userId(), "at", r.seenAt()));
            }
        }
        return GeoEvents.data("id", a.id(), "ownerId", a.ownerId(), "status", a.status(), "startedAt", a.startedAt(),
                "shareId", a.shareId(), "escalatedAt", a.escalatedAt(), "resolvedAt", a.resolvedAt(), "acks", acks, "seen", seen,
                "recipients", recipients.stream().map(r -> GeoEvents.data("userId", r.userId(), "role", r.role())).toList());
    }
}
