package dev.tangle.api.webhooks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.tangle.api.audit.AuditLog;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import io.helidon.dbclient.DbExecute;

/**
 * Registering and managing webhooks. A user's webhook receives that user's own events; a group owner's or admin's
 * webhook with {@code groupId} receives the group's. Someone else's webhook does not exist for the caller (404).
 * Every change is audited.
 */
public final class WebhookService {

    static final int MAX_PER_OWNER = 20;
    private static final Pattern EVENT = Pattern.compile("\\*|[a-z][a-z_]*(\\.[a-z][a-z_]*)+");

    private final Database db;
    private final WebhookRepository webhooks;
    private final SocialGraph graph;
    private final UrlGuard guard;
    private final Runnable kick;

    public WebhookService(Database db, WebhookRepository webhooks, SocialGraph graph, UrlGuard guard, Runnable kick) {
        this.db = db;
        this.webhooks = webhooks;
        this.graph = graph;
        this.guard = guard;
        this.kick = kick;
    }

    /** A registration as the client asked for it; {@code secret} null means "make one". */
    public record Registration(String url, List<String> events, String secret, UUID groupId) {
    }

    public Webhook create(UUID me, Registration r) {
        guard.check("url", r.url());
        List<String> events = events(r.events());
        String secret = r.secret() == null ? Signature.newSecret() : Signature.checkSecret("secret", r.secret());
        Webhook webhook = new Webhook(Ids.newId(), me, r.groupId(), r.url(), events, "active", null,
                Instant.now().truncatedTo(ChronoUnit.MICROS), secret);
        db.inTransaction(tx -> {
            if (r.groupId() != null) {
                requireGroupAdmin(tx, me, r.groupId());
            }
            if (webhooks.owned(tx, me).size() >= MAX_PER_OWNER) {
                throw Problems.conflict("At most " + MAX_PER_OWNER + " webhooks per user");
            }
            webhooks.insert(tx, webhook);
            AuditLog.append(tx, me, "webhook.created", "webhook", webhook.id(),
                    Map.of("url", r.url(), "groupId", String.valueOf(r.groupId())));
            return null;
        });
        webhooks.changed();
        return webhook;
    }

    public List<Webhook> mine(UUID me) {
        return webhooks.owned(db.client().execute(), me);
    }

    public Webhook get(UUID me, UUID id) {
        return owned(db.client().execute(), me, id).webhook().withoutSecret();
    }

    /** Changes url, events or active; re-enabling a disabled endpoint resumes its pending deliveries in order. */
    public Webhook update(UUID me, UUID id, Optional<String> url, Optional<List<String>> events, Optional<Boolean> active) {
        url.ifPresent(u -> guard.check("url", u));
        List<String> checked = events.map(WebhookService::events).orElse(null);
        Webhook updated = db.inTransaction(tx -> {
            Webhook w = owned(tx, me, id).webhook();
            String status = active.map(a -> a ? "active" : "disabled").orElse(w.status());
            String reason = status.equals("active") ? null : active.isPresent() ? "disabled by the owner" : w.disabledReason();
            webhooks.update(tx, id, url.orElse(w.url()), checked == null ? w.events() : checked, status, reason);
            AuditLog.append(tx, me, "webhook.updated", "webhook", id, Map.of("status", status));
            return webhooks.find(tx, id).orElseThrow().webhook().withoutSecret();
        });
        webhooks.changed();
        kick.run();
        return updated;
    }

    public void delete(UUID me, UUID id) {
        db.inTransaction(tx -> {
            owned(tx, me, id);
            webhooks.delete(tx, id);
            AuditLog.append(tx, me, "webhook.deleted", "webhook", id, Map.of());
            return null;
        });
        webhooks.changed();
    }

    public Page<Delivery> deliveries(UUID me, UUID id, Optional<String> status, PageRequest page) {
        DbExecute read = db.client().execute();
        owned(read, me, id);
        UUID before = page.keys(1).map(k -> Ids.parse(k.getFirst())
                .orElseThrow(() -> Problems.validation("cursor", "is not a valid cursor"))).orElse(new UUID(-1L, -1L));
        return Page.of(webhooks.deliveries(read, id, status, before, page.fetchSize()), page,
                d -> List.of(d.id().toString()));
    }

    /** Puts a dead delivery back in the queue. */
    public void replay(UUID me, UUID id, UUID deliveryId) {
        db.inTransaction(tx -> {
            owned(tx, me, id);
            if (!webhooks.replay(tx, id, deliveryId)) {
                throw Problems.notFound("Dead delivery");
            }
            AuditLog.append(tx, me, "webhook.replayed", "webhook", id, Map.of("deliveryId", deliveryId));
            return null;
        });
        kick.run();
    }

    private WebhookRepository.Stored owned(DbExecute db, UUID me, UUID id) {
        return webhooks.find(db, id).filter(s -> s.webhook().ownerId().equals(me))
                .orElseThrow(() -> Problems.notFound("Webhook"));
    }

    private void requireGroupAdmin(DbExecute db, UUID me, UUID groupId) {
        var role = graph.groupRole(db, groupId, me);
        if (role.isEmpty()) {
            throw Problems.notFound("Group");
        }
        if (!role.get().canManage()) {
            throw Problems.forbidden("Only a group owner or admin may register the group's webhooks");
        }
    }

    private static List<String> events(List<String> events) {
        if (events == null || events.isEmpty() || events.size() > 50) {
            throw Problems.validation("events", "must list 1 to 50 event names, or \"*\"");
        }
        for (int i = 0; i < events.size(); i++) {
            String e = events.get(i);
            if (e == null || e.length() > 64 || !EVENT.matcher(e).matches()) {
                throw Problems.validation("events[" + i + "]", "must be an event name such as post.created, or \"*\"");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(events));
    }
}
