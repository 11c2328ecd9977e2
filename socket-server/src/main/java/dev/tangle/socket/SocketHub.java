package dev.tangle.socket;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tangle.socket.session.WsSettings;
import dev.tangle.socket.canvas.CanvasRooms;
import dev.tangle.socket.fanout.ChatClient;
import dev.tangle.socket.fanout.Memberships;
import dev.tangle.socket.frames.FrameException;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.frames.OutFrame;
import dev.tangle.socket.presence.PresenceService;
import dev.tangle.socket.session.LocalUser;
import dev.tangle.socket.session.Session;
import dev.tangle.socket.session.SessionHandler;
import dev.tangle.socket.session.SessionRegistry;

/**
 * The life of a session: hello, the first session of a user sets up subscriptions and presence, client frames,
 * and the last session of a user tears them down.
 */
final class SocketHub implements SessionHandler {

    private static final System.Logger LOG = System.getLogger(SocketHub.class.getName());
    /**
     * How long a user's subscriptions outlive their last session here (ADR 0123). Presence goes offline at once;
     * only the memberships request, the subscriptions and their flush are spared when the user comes back.
     */
    static final Duration USER_LINGER = Duration.ofSeconds(2);

    private final SessionRegistry registry;
    private final ChatClient chat;
    private final Memberships memberships;
    private final PresenceService presence;
    private final CanvasRooms canvas;
    private final FrameHandler frames;
    private final SocketMetrics metrics;
    private final WsSettings settings;
    private final ScheduledExecutorService scheduler;

    SocketHub(SessionRegistry registry, ChatClient chat, Memberships memberships, PresenceService presence,
              CanvasRooms canvas, FrameHandler frames, SocketMetrics metrics, WsSettings settings,
              ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.chat = chat;
        this.memberships = memberships;
        this.presence = presence;
        this.canvas = canvas;
        this.frames = frames;
        this.metrics = metrics;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @Override
    public void opened(Session session) {
        session.delivery().filler(frames.gapFiller());
        LocalUser user = registry.attach(session);
        user.lock().lock();
        try {
            if (!user.loaded()) {
                List<UUID> conversations = chat.memberships(user.id());
                memberships.load(user, conversations);
                user.markLoaded();
            }
            if (!user.online()) {
                presence.userOnline(user);
                user.online(true);
            }
            memberships.flush();
        } catch (FrameException e) {
            LOG.log(Level.WARNING, "Session " + session.id() + " of " + user.id() + ": set-up failed: " + e.getMessage());
            session.close(1013, "try again later");
            return;
        } finally {
            user.lock().unlock();
        }
        // hello first, once this instance is subscribed to everything the session receives
        session.enqueue(Frames.hello(session.userId(), session.id(), settings.heartbeat().toMillis()));
        presence.snapshot(session, user);
        scheduler.schedule(() -> session.delivery().endHold(), settings.resumeWindow().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void frame(Session session, String text) {
        if (!session.open()) {
            return;
        }
        registry.user(session.userId()).ifPresent(user -> frames.handle(session, user, text));
    }

    @Override
    public void binary(Session session) {
        metrics.frameIn("binary");
        session.enqueue(Frames.error(null, "malformed_frame", "Binary frames are not supported; send JSON text"));
    }

    @Override
    public void ended(Session session, int code, String reason) {
        metrics.closed(code);
        Thread.ofVirtual().name("ws-end-" + session.id()).start(() -> release(session));
    }

    @Override
    public void written(OutFrame frame) {
        metrics.frameOut(frame);
    }

    private void release(Session session) {
        canvas.ended(session);
        registry.user(session.userId()).ifPresent(user -> {
            user.lock().lock();
            try {
                if (registry.detach(user, session)) {
                    if (user.online()) {
                        presence.userOffline(user);
                        user.online(false);
                    }
                    if (user.loaded()) {
                        // keep the user's subscriptions a moment: a reconnect (page reload, network change, the
                        // next tab) then costs no memberships request and no subscribe/unsubscribe round
                        scheduler.schedule(() -> retire(user), USER_LINGER.toMillis(), TimeUnit.MILLISECONDS);
                    } else {
                        registry.retire(user);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Releasing session " + session.id() + " failed", e);
            } finally {
                user.lock().unlock();
            }
        });
    }

    /** The linger of a user without sessions is over: unless one came back, drop its subscriptions. */
    private void retire(LocalUser user) {
        Thread.ofVirtual().name("ws-retire-" + user.id()).start(() -> {
            user.lock().lock();
            try {
                if (registry.retire(user)) {
                    memberships.drop(user);
                    presence.retired(user);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Retiring user " + user.id() + " failed", e);
            } finally {
                user.lock().unlock();
            }
        });
    }
}
