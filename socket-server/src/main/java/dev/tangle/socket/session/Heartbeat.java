package dev.tangle.socket.session;

import java.time.Instant;


/**
 * Runs every half heartbeat period: pings every session once per period, drops one that has not answered for
 * two and a half periods (a peer that vanishes without a FIN or RST is only noticed this way), closes one
 * whose write has been blocked longer than the write timeout with 4009, one whose token expired with 4001, and
 * tears down one whose close handshake did not finish within the write timeout.
 */
public final class Heartbeat {

    private final SessionRegistry registry;
    private final WsSettings settings;
    private boolean pingTurn;

    public Heartbeat(SessionRegistry registry, WsSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    public synchronized void tick() {
        long now = System.nanoTime();
        long heartbeat = settings.heartbeat().toNanos();
        long writeTimeout = settings.writeTimeout().toNanos();
        Instant wallNow = Instant.now();
        pingTurn = !pingTurn;
        for (Session session : registry.all()) {
            if (session.isTerminated()) {
                registry.forget(session);
            } else if (session.closingForNanos(now) > writeTimeout) {
                session.abort("close handshake did not finish");
            } else if (!session.open()) {
                continue;
            } else if (session.writeBlockedNanos(now) > writeTimeout) {
                session.tooSlow("a write blocked longer than " + settings.writeTimeout());
            } else if (now - session.lastHeardNanos() > heartbeat * 5 / 2) {
                session.abort("no answer to pings");
            } else if (session.tokenExpiresAt().isBefore(wallNow)) {
                session.close(Session.CLOSE_UNAUTHORIZED, "token expired");
            } else if (pingTurn) {
                session.ping();
            }
        }
    }
}
