package dev.tangle.socket;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.auth.Principal;
import dev.tangle.common.contract.chat.ChatContract;
import dev.tangle.common.contract.ws.ClientFrame;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Subjects;
import dev.tangle.common.nats.service.NatsServiceClient;
import dev.tangle.socket.session.WsSettings;
import dev.tangle.socket.canvas.CanvasRooms;
import dev.tangle.socket.fanout.ChatClient;
import dev.tangle.socket.fanout.Heads;
import dev.tangle.socket.frames.FrameException;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.frames.RawFrame;
import dev.tangle.socket.location.LocationForwarder;
import dev.tangle.socket.presence.PresenceService;
import dev.tangle.socket.session.Delivery;
import dev.tangle.socket.session.Handshake;
import dev.tangle.socket.session.LocalUser;
import dev.tangle.socket.session.Session;
import io.nats.client.Connection;

/**
 * Serves client frames (docs/websocket.md). A frame that is malformed, of an unknown type or of the wrong shape
 * gets an error frame and the session stays open; a user over the frame rate is closed with 4008. Commands api-server
 * owns (send, read) are passed on unvalidated: its answer, field errors included, is the reply.
 */
final class FrameHandler {

    private static final Set<String> KNOWN_TYPES = Set.copyOf(ClientFrame.TYPES.values());

    private final ChatClient chat;
    private final Connection nats;
    private final PresenceService presence;
    private final CanvasRooms canvas;
    private final Handshake handshake;
    private final Resumer resumer;
    private final SocketMetrics metrics;
    private final long typingIntervalNanos;
    private final LocationForwarder locations;

    FrameHandler(ChatClient chat, Heads heads, Connection nats, PresenceService presence, CanvasRooms canvas,
                 Handshake handshake, SocketMetrics metrics, WsSettings settings) {
        this.chat = chat;
        this.nats = nats;
        this.presence = presence;
        this.canvas = canvas;
        this.handshake = handshake;
        this.metrics = metrics;
        this.resumer = new Resumer(chat, heads, metrics);
        this.typingIntervalNanos = settings.typingInterval().toNanos();
        this.locations = new LocationForwarder(new NatsServiceClient(nats, settings.requestTimeout()));
    }

    void handle(Session session, LocalUser user, String text) {
        if (!user.acquireFrame()) {
            metrics.frameIn("rate_limited");
            session.close(Session.CLOSE_RATE_LIMITED, "rate limited");
            return;
        }
        RawFrame raw;
        try {
            raw = RawFrame.parse(text);
        } catch (FrameException e) {
            metrics.frameIn("invalid");
            session.enqueue(Frames.error(e.frameId(), e));
            return;
        }
        metrics.frameIn(KNOWN_TYPES.contains(raw.type()) ? raw.type() : "unknown");
        try {
            dispatch(session, user, raw.toFrame());
        } catch (FrameException e) {
            session.enqueue(Frames.error(raw.id(), e));
        } catch (IllegalStateException e) {
            if (!fromNats(e)) {
                throw e;
            }
            // jnats refuses a publish while its outgoing queue is full or the connection is closed: retryable
            session.enqueue(Frames.error(raw.id(), new FrameException("unavailable", null,
                    "The server is busy; try again")));
        }
    }

    private static boolean fromNats(IllegalStateException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.nats.client.");
    }

    private void dispatch(Session session, LocalUser user, ClientFrame frame) {
        switch (frame) {
            case ClientFrame.Ping ping -> session.enqueue(Frames.pong(ping.id()));
            case ClientFrame.Send send -> send(session, send);
            case ClientFrame.Resume resume -> Thread.ofVirtual().name("resume-" + session.id())
                    .start(() -> resumer.resume(session, user, resume.id(), resume.cursors()));
            case ClientFrame.Typing typing -> typing(user, typing);
            case ClientFrame.Read read -> read(session, read);
            case ClientFrame.Presence p -> Thread.ofVirtual().start(() -> {
                if (!presence.set(session.userId(), p.status(), p.text(), p.expiresAt())) {
                    session.enqueue(Frames.error(p.id(), new FrameException("unavailable", null,
                            "Presence cannot be stored right now; try again")));
                } else if (p.id() != null) {
                    session.enqueue(Frames.ack(p.id(), null));
                }
            });
            case ClientFrame.CanvasJoin join -> canvas.join(session, member(user, join.conversationId()));
            case ClientFrame.CanvasLeave leave -> canvas.leave(session, leave.conversationId());
            case ClientFrame.Auth auth -> auth(session, auth);
            case ClientFrame.Location location -> location(session, location);
        }
    }

    private void send(Session session, ClientFrame.Send frame) {
        var request = new ChatContract.SendRequest(session.userId(), frame.conversationId(), frame.body());
        chat.request(ChatContract.SEND, request).whenComplete((reply, failure) -> {
            if (failure != null) {
                session.enqueue(Frames.error(frame.id(), ChatClient.frameFailure(failure)));
            } else {
                session.enqueue(Frames.ack(frame.id(), Json.MAPPER.valueToTree(reply.message())));
            }
        });
    }

    /** Fills gaps in live delivery from history. */
    Delivery.GapFiller gapFiller() {
        return resumer;
    }

    private void typing(LocalUser user, ClientFrame.Typing frame) {
        UUID conversationId = member(user, frame.conversationId());
        if (user.typingAllowed(conversationId, typingIntervalNanos)) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("conversationId", conversationId.toString())
                    .put("userId", user.id().toString());
            nats.publish(Subjects.realtime("typing", conversationId), Json.write(body));
        }
    }

    private void read(Session session, ClientFrame.Read frame) {
        var request = new ChatContract.ReadRequest(session.userId(), frame.conversationId(), frame.seq(),
                frame.force() ? Boolean.TRUE : null, null);
        chat.request(ChatContract.READ, request).whenComplete((reply, failure) -> {
            if (failure != null) {
                session.enqueue(Frames.error(frame.id(), ChatClient.frameFailure(failure)));
            } else if (frame.id() != null) {
                session.enqueue(Frames.ack(frame.id(), null));
            }
        });
    }

    /** Forwards a location update to geo-service with this instance's others; acked when it has an id. */
    private void location(Session session, ClientFrame.Location frame) {
        locations.forward(session, frame);
    }

    private void auth(Session session, ClientFrame.Auth frame) {
        Principal principal;
        try {
            principal = handshake.verify(frame.token());
        } catch (ApiException e) {
            throw new FrameException("unauthorized", "token", e.getMessage());
        }
        if (!principal.userId().equals(session.userId())) {
            session.close(Session.CLOSE_UNAUTHORIZED, "token of another user");
            return;
        }
        session.tokenExpiresAt(principal.expiresAt());
        session.enqueue(Frames.ack(frame.id(), null));
    }

    /** A conversation the user is delivered; any other is {@code not_found}. */
    private static UUID member(LocalUser user, UUID conversationId) {
        if (!user.conversations().contains(conversationId)) {
            throw FrameException.notFound("Conversation");
        }
        return conversationId;
    }
}
