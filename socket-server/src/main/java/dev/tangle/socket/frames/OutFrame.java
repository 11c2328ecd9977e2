package dev.tangle.socket.frames;

/**
 * A server frame, serialized once and shared by every session it goes to.
 *
 * @param type       the frame's {@code type}, for metrics
 * @param text       its JSON text
 * @param droppable  typing and presence: dropped first when a session falls behind
 * @param eventMillis when the event it carries happened (epoch ms), or 0; for the delivery latency histogram
 */
public record OutFrame(String type, String text, boolean droppable, long eventMillis) {

    public int bytes() {
        return text.length();
    }
}
