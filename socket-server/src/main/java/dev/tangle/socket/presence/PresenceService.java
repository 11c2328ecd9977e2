package dev.tangle.socket.presence;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Subjects;
import dev.tangle.socket.fanout.ChatClient;
import dev.tangle.socket.fanout.SocialListener;
import dev.tangle.socket.frames.FrameException;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.frames.OutFrame;
import dev.tangle.socket.presence.PresenceEntry.Shown;
import dev.tangle.socket.session.LocalUser;
import dev.tangle.socket.session.Session;
import dev.tangle.socket.session.SessionRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;

/**
 * Presence (ADR 0043): the user's chosen status lives in {@code tangle_presence}; every change of what friends
 * see is published on {@code tangle.rt.presence.<userId>}, which every instance hears and forwards to the local
 * friends of that user. A user is offline when no live instance holds a session of theirs: on the last
 * session's end, or when the instances holding them stop beating (an instance that died without a word) —
 * noticed by {@link #tick} within two heartbeat periods.
 */
public final class PresenceService implements SocialListener {

    private static final System.Logger LOG = System.getLogger(PresenceService.class.getName());
    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final PresenceStore store;
    private final Connection nats;
    private final SessionRegistry registry;
    private final ChatClient chat;
    private final String instanceId;
    private final Duration heartbeat;
    private final Map<UUID, Set<UUID>> watchers = new ConcurrentHashMap<>();
    private final Map<UUID, Shown> shown = new ConcurrentHashMap<>();
    /** What each local user chose last, to write again if the bucket was lost (ADR 0066). */
    private final Map<UUID, PresenceEntry> chosen = new ConcurrentHashMap<>();
    /** Watched friends last seen online whose entry is missing, since when (nanoTime). */
    private final Map<UUID, Long> missingSince = new ConcurrentHashMap<>();
    private volatile long lastRefreshNanos = System.nanoTime();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** No one is judged offline before this (nanoTime): after NATS came back, every instance rewrites first. */
    private volatile long quietUntilNanos = System.nanoTime();
    /** The connection's reconnect count when {@link #recovered} last ran: until it ran again, judge no one. */
    private volatile long recoveredReconnects;

    public PresenceService(Connection nats, SessionRegistry registry, ChatClient chat, String instanceId, Duration heartbeat) {
        this.store = new PresenceStore(nats);
        this.nats = nats;
        this.registry = registry;
        this.chat = chat;
        this.instanceId = instanceId;
        this.heartbeat = heartbeat;
        this.recoveredReconnects = nats.getStatistics().getReconnects();
        store.beat(instanceId);
        Dispatcher dispatcher = nats.createDispatcher(this::onPresence);
        dispatcher.subscribe("tangle.rt.presence.*");
    }

    /** First session of a user here: load friends, mark online. Called under the user's lock. */
    public void userOnline(LocalUser user) {
        try {
            for (UUID friend : chat.friends(user.id())) {
                user.friends().add(friend);
                watchers.computeIfAbsent(friend, f -> ConcurrentHashMap.newKeySet()).add(user.id());
            }
        } catch (FrameException e) {
            LOG.log(Level.WARNING, "Friends of " + user.id() + " unavailable, no presence for now: " + e.getMessage());
        }
        write(user.id(), e -> e.withInstance(instanceId, true));
    }

    /** Last session of a user here ended. */
    public void userOffline(LocalUser user) {
        for (UUID friend : user.friends()) {
            unwatch(friend, user.id());
        }
        chosen.remove(user.id());
        announce(user.id(), store.update(user.id(), e -> e.withInstance(instanceId, false)));
    }

    /** The user's linger here is over (their subscriptions are gone). Called under the user's lock. */
    public void retired(LocalUser user) {
        store.forget(user.id());
    }

    /** The user chose a status; false when it could not be stored (NATS unavailable). */
    public boolean set(UUID userId, String status, String text, Instant expiresAt) {
        return write(userId, e -> e.withStatus(status, text, expiresAt).withInstance(instanceId, true));
    }

    /**
     * NATS is back and the bucket exists again, possibly empty (a restarted server loses a memory bucket): beat,
     * write every local user's entry again (their chosen status where the entry was lost), and judge no one
     * offline for two heartbeat periods, while the other instances do the same.
     */
    public void recovered() {
        recoveredReconnects = nats.getStatistics().getReconnects();
        quietUntilNanos = System.nanoTime() + 2 * heartbeat.toNanos();
        store.beat(instanceId);
        for (LocalUser user : registry.users()) {
            if (user.online()) {
                write(user.id(), e -> e.withInstance(instanceId, true));
            }
        }
        lastRefreshNanos = System.nanoTime();
    }

    /** Changes a local user's entry; one that was lost (no instances) starts again from what the user chose. */
    private boolean write(UUID userId, java.util.function.UnaryOperator<PresenceEntry> change) {
        PresenceEntry mine = chosen.get(userId);
        PresenceStore.Change result = store.update(userId, e -> change.apply(mine != null && (e.instances() == null
                || e.instances().isEmpty()) ? e.withStatus(mine.status(), mine.text(), mine.expiresAt()) : e));
        if (result == null) {
            return false;
        }
        if (registry.user(userId).isPresent()) {
            chosen.put(userId, result.next());
        }
        announce(userId, result);
        return true;
    }

    /** Online friends' presence to a new session, after hello. */
    public void snapshot(Session session, LocalUser user) {
        Map<String, Boolean> live = new HashMap<>();
        try {
            for (UUID friend : user.friends()) {
                Shown s = shownNow(friend, live);
                shown.put(friend, s);
                if (!PresenceEntry.OFFLINE.equals(s.status())) {
                    session.enqueue(Frames.presence(friend, s.status(), s.text()));
                }
            }
        } catch (PresenceStore.Unavailable e) {
            LOG.log(Level.WARNING, "No presence snapshot for session " + session.id() + ": " + e.getMessage());
        }
    }

    /**
     * Writes every local online user's entry again, spread evenly over {@code windowNanos}: written all at once,
     * 2,000 users were 4,000 JetStream requests in one burst every 25 s, and the deliveries behind them waited.
     */
    private void refresh(long windowNanos) {
        try {
            List<LocalUser> online = registry.users().stream().filter(LocalUser::online).toList();
            long pauseNanos = online.isEmpty() ? 0 : windowNanos / online.size();
            Instant now = Instant.now();
            long next = System.nanoTime();
            for (LocalUser user : online) {
                if (user.online()) {
                    write(user.id(), e -> (e.expired(now) ? e.withStatus("online", null, null) : e).withInstance(instanceId, true));
                }
                next += pauseNanos;
                long wait = next - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            refreshing.set(false);
        }
    }

    /** Instance heartbeat, refresh of local users' entries, and detection of users whose instances died. */
    public void tick() {
        store.beat(instanceId);
        long period = Math.min(REFRESH.toNanos(), heartbeat.toNanos());
        if (System.nanoTime() - lastRefreshNanos > period && refreshing.compareAndSet(false, true)) {
            lastRefreshNanos = System.nanoTime();
            Thread.ofVirtual().name("presence-refresh").start(() -> refresh(period / 2));
        }
        if (System.nanoTime() - quietUntilNanos < 0 || nats.getStatus() != Connection.Status.CONNECTED
            || nats.getStatistics().getReconnects() != recoveredReconnects) {
            return; // NATS away, or back but this instance has not written its state again yet
        }
        try {
            publishDeparted();
        } catch (PresenceStore.Unavailable e) {
            LOG.log(Level.DEBUG, "Presence check skipped: " + e.getMessage());
        }
    }

    /**
     * Publishes offline for watched friends last seen online whose instances are all dead. A missing entry (or
     * instance heartbeat) is no proof: the bucket may have been lost and not yet written again. A friend is judged
     * by a missing entry only once it stayed missing for longer than every live instance takes to rewrite its
     * users' entries; an instance whose heartbeat is missing counts as alive (its users' entries expire if not).
     */
    private void publishDeparted() {
        Map<String, Boolean> live = new HashMap<>();
        long now = System.nanoTime();
        long grace = Math.min(REFRESH.toNanos(), heartbeat.toNanos()) + heartbeat.toNanos();
        for (UUID watched : watchers.keySet()) {
            Shown last = shown.get(watched);
            if (last == null || PresenceEntry.OFFLINE.equals(last.status()) || registry.user(watched).isPresent()) {
                missingSince.remove(watched);
                continue;
            }
            PresenceEntry entry = store.get(watched).orElse(null);
            if (entry == null && now - missingSince.computeIfAbsent(watched, w -> now) < grace) {
                continue;
            }
            missingSince.remove(watched);
            Shown shownNow = entry == null || entry.instances() == null ? new Shown(PresenceEntry.OFFLINE, null)
                    : entry.shown(Instant.now(), entry.instances().stream()
                            .filter(i -> live.computeIfAbsent(i, x -> aliveOrUnknown(x))).toList());
            if (PresenceEntry.OFFLINE.equals(shownNow.status())) {
                publish(watched, shownNow);
            }
        }
    }

    private boolean aliveOrUnknown(String instance) {
        if (instance.equals(instanceId)) {
            return true;
        }
        long beat = store.lastBeat(instance);
        return beat == 0 || System.currentTimeMillis() - beat < heartbeat.toMillis() * 3 / 2;
    }

    @Override
    public void friendAdded(UUID userId, UUID friendId) {
        link(userId, friendId);
        link(friendId, userId);
    }

    @Override
    public void friendRemoved(UUID userId, UUID friendId) {
        unlink(userId, friendId);
        unlink(friendId, userId);
    }

    @Override
    public void blocked(UUID blockerId, UUID blockedId) {
        friendRemoved(blockerId, blockedId);
    }

    private void link(UUID userId, UUID friendId) {
        registry.user(userId).ifPresent(user -> {
            if (user.friends().add(friendId)) {
                watchers.computeIfAbsent(friendId, f -> ConcurrentHashMap.newKeySet()).add(userId);
                Shown s;
                try {
                    s = shownNow(friendId, new HashMap<>());
                } catch (PresenceStore.Unavailable e) {
                    s = new Shown(PresenceEntry.OFFLINE, null);
                }
                shown.put(friendId, s);
                OutFrame frame = Frames.presence(friendId, s.status(), s.text());
                user.forEachSession(session -> session.enqueue(frame));
            }
        });
    }

    private void unlink(UUID userId, UUID friendId) {
        registry.user(userId).ifPresent(user -> {
            if (user.friends().remove(friendId)) {
                unwatch(friendId, userId);
                OutFrame frame = Frames.presence(friendId, PresenceEntry.OFFLINE, null);
                user.forEachSession(session -> session.enqueue(frame));
            }
        });
    }

    private void unwatch(UUID friendId, UUID userId) {
        watchers.computeIfPresent(friendId, (f, set) -> {
            set.remove(userId);
            if (set.isEmpty()) {
                shown.remove(f);
                return null;
            }
            return set;
        });
    }

    private Shown shownNow(UUID userId, Map<String, Boolean> liveCache) {
        PresenceEntry entry = store.get(userId).orElse(null);
        if (entry == null || entry.instances() == null) {
            return new Shown(PresenceEntry.OFFLINE, null);
        }
        List<String> live = entry.instances().stream().filter(i -> liveCache.computeIfAbsent(i, this::alive)).toList();
        return entry.shown(Instant.now(), live);
    }

    private boolean alive(String instance) {
        if (instance.equals(instanceId)) {
            return true;
        }
        long staleAfter = heartbeat.toMillis() * 3 / 2;
        return System.currentTimeMillis() - store.lastBeat(instance) < staleAfter;
    }

    private void announce(UUID userId, PresenceStore.Change change) {
        if (change == null) {
            return;
        }
        Instant now = Instant.now();
        Shown before = change.old() == null ? new Shown(PresenceEntry.OFFLINE, null)
                : change.old().shown(now, change.old().instances() == null ? List.of() : change.old().instances());
        Shown after = change.next().shown(now, change.next().instances());
        if (!before.equals(after)) {
            publish(userId, after);
        }
    }

    private void publish(UUID userId, Shown s) {
        var body = Json.MAPPER.createObjectNode().put("userId", userId.toString()).put("status", s.status());
        body.put("text", s.text());
        nats.publish(Subjects.realtime("presence", userId), Json.write(body));
    }

    private void onPresence(Message msg) {
        try {
            JsonNode body = Json.tree(msg.getData());
            UUID userId = UUID.fromString(body.path("userId").asText());
            Set<UUID> local = watchers.get(userId);
            if (local == null) {
                return;
            }
            Shown s = new Shown(body.path("status").asText(), body.path("text").isTextual() ? body.path("text").asText() : null);
            if (Objects.equals(shown.put(userId, s), s)) {
                return;
            }
            OutFrame frame = Frames.presence(userId, s.status(), s.text());
            for (UUID watcher : local) {
                registry.user(watcher).ifPresent(user -> {
                    if (user.friends().contains(userId)) {
                        user.forEachSession(session -> session.enqueue(frame));
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Bad presence signal on " + msg.getSubject() + ": " + e);
        }
    }
}
