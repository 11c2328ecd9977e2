package dev.tangle.socket.frames;

import java.nio.charset.StandardCharsets;

import dev.tangle.socket.ws.ServerFrames;

/**
 * A server frame, serialized once and shared by every session it goes to: its JSON text and the complete
 * WebSocket frame that carries it (header and UTF-8 payload, unmasked, as every server frame is), so that a
 * delivery to a session is one write of the same bytes, with no per-session encoding (ADR 0121).
 */
public final class OutFrame {

    private final String type;
    private final String text;
    private final byte[] wire;
    private final boolean droppable;
    private final long eventMillis;

    /**
     * @param type        the frame's {@code type}, for metrics
     * @param text        its JSON text
     * @param droppable   typing and presence: dropped first when a session falls behind
     * @param eventMillis when the event it carries happened (epoch ms), or 0; for the delivery latency histogram
     */
    public OutFrame(String type, String text, boolean droppable, long eventMillis) {
        this.type = type;
        this.text = text;
        this.wire = ServerFrames.text(text.getBytes(StandardCharsets.UTF_8));
        this.droppable = droppable;
        this.eventMillis = eventMillis;
    }

    public String type() {
        return type;
    }

    public String text() {
        return text;
    }

    /** The whole WebSocket text frame; shared, never modify it. */
    public byte[] wire() {
        return wire;
    }

    public boolean droppable() {
        return droppable;
    }

    public long eventMillis() {
        return eventMillis;
    }

    /** What it costs a session's outbound queue: the bytes it puts on the wire. */
    public int bytes() {
        return wire.length;
    }

    @Override
    public String toString() {
        return "OutFrame[" + type + ", " + wire.length + " bytes]";
    }
}
