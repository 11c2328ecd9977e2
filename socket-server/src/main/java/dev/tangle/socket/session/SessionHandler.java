package dev.tangle.socket.session;

/** What happens on a session, between the WebSocket transport and the service. */
public interface SessionHandler extends Session.SessionEvents {

    /** A session was opened; send hello first. Runs on the connection's thread before any frame is read. */
    void opened(Session session);

    /** One complete client text frame. */
    void frame(Session session, String text);

    /** A binary frame: not part of the protocol. */
    void binary(Session session);
}
