package dev.tangle.api.admin;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.tangle.api.audit.AuditLog;
import dev.tangle.api.chat.message.MessageService;
import dev.tangle.api.community.comment.CommentService;
import dev.tangle.api.community.post.PostService;
import dev.tangle.api.identity.BannedUsers;
import dev.tangle.api.identity.SessionService;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;

/**
 * What operators do (docs/adr/0111). Every method first checks that the caller is an operator (404 otherwise, so
 * the admin API does not reveal itself) and writes an audit row in the same transaction as its change.
 */
public final class AdminService {

    private static final System.Logger LOG = System.getLogger(AdminService.class.getName());

    private final Database db;
    private final OutboxRelay relay;
    private final AdminRepository repository;
    private final BannedUsers bans;
    private final SessionService sessions;
    private final PostService posts;
    private final CommentService comments;
    private final MessageService messages;
    private final Connection nats;
    private final Set<String> bootstrapOperators;

    public AdminService(Database db, OutboxRelay relay, AdminRepository repository, BannedUsers bans,
                        SessionService sessions, PostService posts, CommentService comments, MessageService messages,
                        Connection nats, List<String> bootstrapOperators) {
        this.db = db;
        this.relay = relay;
        this.repository = repository;
        this.bans = bans;
        this.sessions = sessions;
        this.posts = posts;
        this.comments = comments;
        this.messages = messages;
        this.nats = nats;
        this.bootstrapOperators = bootstrapOperators.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (!this.bootstrapOperators.isEmpty()) {
            db.inTransaction(tx -> repository.promote(tx, this.bootstrapOperators));
        }
    }

    /** 404 unless the caller is an operator (a bootstrap handle registered later becomes one here). */
    public void requireOperator(UUID me) {
        var found = repository.roleAndHandle(db.client().execute(), me).orElseThrow(() -> Problems.notFound("Resource"));
        if (found.getKey().equals("operator")) {
            return;
        }
        if (bootstrapOperators.contains(found.getValue().toLowerCase(Locale.ROOT))) {
            db.inTransaction(tx -> repository.promote(tx, List.of(found.getValue())));
            return;
        }
        throw Problems.notFound("Resource");
    }

    /** Bans: no login, no refresh, every token refused at once, every socket closed (tokens.revoked). */
    public void ban(UUID me, UUID userId, String reason, boolean banned) {
        requireOperator(me);
        if (me.equals(userId)) {
            throw Problems.validation("userId", "an operator cannot ban themselves");
        }
        db.inTransaction(tx -> {
            if (!repository.setBanned(tx, userId, banned, reason)) {
                throw Problems.notFound("User");
            }
            if (banned) {
                sessions.revokeAll(tx, userId);
            }
            Outbox.add(tx, Event.of("api-server", "user", userId, banned ? "banned" : "unbanned",
                    Map.of("userId", userId)));
            AuditLog.append(tx, me, banned ? "admin.ban" : "admin.unban", "user", userId,
                    reason == null ? Map.of() : Map.of("reason", reason));
            return null;
        });
        bans.changed(userId, banned);
        relay.kick();
    }

    /** Ends every session of the user: refresh tokens revoked, sockets closed. */
    public void killSessions(UUID me, UUID userId) {
        requireOperator(me);
        db.inTransaction(tx -> {
            if (repository.roleAndHandle(tx, userId).isEmpty()) {
                throw Problems.notFound("User");
            }
            sessions.revokeAll(tx, userId);
            AuditLog.append(tx, me, "admin.sessions_killed", "user", userId, Map.of());
            return null;
        });
        relay.kick();
    }

    public void deleteContent(UUID me, String kind, UUID id) {
        requireOperator(me);
        switch (kind) {
            case "posts" -> posts.deleteAsOperator(me, id);
            case "comments" -> comments.deleteAsOperator(me, id);
            case "messages" -> messages.deleteAsOperator(me, id);
            default -> throw Problems.validation("kind", "must be posts, comments or messages");
        }
    }

    /** Figures for operators: accounts, activity, outbox and JetStream consumer lag, users online per instance. */
    public Map<String, Object> stats(UUID me) {
        requireOperator(me);
        Map<String, Object> stats = new LinkedHashMap<>(repository.counts(db.client().execute(),
                dev.tangle.common.id.Ids.floor(Instant.now().minusSeconds(86_400))));
        stats.put("consumers", consumers());
        stats.put("onlineUsersPerSocketInstance", onlinePerInstance());
        return stats;
    }

    private List<Map<String, Object>> consumers() {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            JetStreamManagement jsm = nats.jetStreamManagement();
            for (String stream : List.of("TANGLE_EVENTS", "TANGLE_JOBS")) {
                for (ConsumerInfo c : jsm.getConsumers(stream)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("stream", stream);
                    row.put("name", c.getName());
                    row.put("pending", c.getNumPending());
                    row.put("ackPending", c.getNumAckPending());
                    row.put("redelivered", c.getRedelivered());
                    out.add(row);
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot read JetStream consumers: " + e.getMessage());
        }
        return out;
    }

    private Map<String, Integer> onlinePerInstance() {
        Map<String, Integer> perInstance = new LinkedHashMap<>();
        try {
            var kv = nats.keyValue("tangle_presence");
            for (String key : kv.keys(List.of("u.>"))) {
                var entry = kv.get(key);
                if (entry == null || entry.getValue() == null) {
                    continue;
                }
                dev.tangle.common.json.Json.tree(entry.getValue()).path("instances")
                        .forEach(i -> perInstance.merge(i.asText(), 1, Integer::sum));
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot read presence: " + e.getMessage());
        }
        return perInstance;
    }
}
