package dev.tangle.socket;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tangle.common.config.Settings;
import dev.tangle.common.http.Logging;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.common.http.TangleServer;
import dev.tangle.socket.canvas.CanvasRooms;
import dev.tangle.socket.fanout.ChatClient;
import dev.tangle.socket.fanout.EventRouter;
import dev.tangle.socket.fanout.Heads;
import dev.tangle.socket.fanout.Interest;
import dev.tangle.socket.fanout.Memberships;
import dev.tangle.socket.presence.PresenceService;
import dev.tangle.socket.session.Handshake;
import dev.tangle.socket.session.Heartbeat;
import dev.tangle.socket.session.Session;
import dev.tangle.socket.session.SessionRegistry;
import dev.tangle.socket.session.WsEndpoint;
import io.nats.client.Connection;

/** Composition root of socket-server: config, infrastructure, services, routes. */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private Main() {
    }

    public static void main(String[] args) {
        Logging.init();
        start(SocketConfig.from(Settings.load())).infra().lifecycle().stopOnSignal();
    }

    /** Starts the service; the returned handle stops it in order. */
    public static RunningService start(SocketConfig config) {
        ServiceInfra infra = ServiceInfra.start(config.common(), "socket");
        var ws = config.ws();
        String instanceId = config.common().instanceId();
        Connection nats = infra.nats().connection();
        SocketMetrics metrics = new SocketMetrics(infra.metrics());
        SessionRegistry registry = new SessionRegistry(ws);
        ChatClient chat = new ChatClient(nats, ws.requestTimeout());
        Heads heads = new Heads();
        infra.nats().onSubscriptionGap(heads::interrupted);
        Interest interest = new Interest(nats, heads);
        Memberships memberships = new Memberships(registry, interest);
        PresenceService presence = new PresenceService(nats, registry, chat, instanceId, ws.heartbeat());
        infra.nats().onRecovered(presence::recovered);
        interest.routeTo(new EventRouter(registry, interest, heads, memberships, presence), ws.fanoutThreads());
        CanvasRooms canvas = new CanvasRooms(nats, instanceId, ws.canvasTimeout());
        infra.nats().onRecovered(canvas::resync);
        Handshake handshake = new Handshake(config.jwt().verifier(), ws);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("socket-ticker").factory());
        infra.lifecycle().onStop("socket ticker", scheduler::shutdownNow);
        FrameHandler frames = new FrameHandler(chat, heads, nats, presence, canvas, handshake, metrics, ws);
        SocketHub hub = new SocketHub(registry, chat, memberships, presence, canvas, frames, metrics, ws, scheduler);
        WsEndpoint endpoint = new WsEndpoint(handshake, registry, hub, ws.maxFrameBytes());
        metrics.gauge("sessions.open", registry::openCount);
        metrics.gauge("conversations.subscribed", interest::conversationCount);

        var server = TangleServer.start(infra, endpoint::routing, endpoint::register);
        infra.lifecycle().onStop("websocket sessions", () -> closeAll(registry));
        Heartbeat heartbeat = new Heartbeat(registry, ws);
        long tick = Math.max(50, ws.heartbeat().toMillis() / 2);
        scheduler.scheduleAtFixedRate(() -> Thread.ofVirtual().name("socket-tick").start(() -> {
            // each on its own: one failing (NATS away) must not stop the others
            guarded("heartbeat", heartbeat::tick);
            guarded("presence", presence::tick);
            guarded("canvas", canvas::tick);
        }), tick, tick, TimeUnit.MILLISECONDS);
        return new RunningService(server, infra);
    }

    private static void guarded(String what, Runnable tick) {
        try {
            tick.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "socket " + what + " tick failed: " + e);
        }
    }

    /** Going away: every session gets 1001 (reconnect elsewhere and resume), then a short grace to flush. */
    private static void closeAll(SessionRegistry registry) {
        registry.all().forEach(s -> s.close(Session.CLOSE_GOING_AWAY, "server going away"));
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        while (System.nanoTime() < deadline && registry.all().stream().anyMatch(s -> !s.isTerminated())) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
