package dev.tangle.socket.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsCloseException;

/**
 * Reassembles one data message from its frames (RFC 6455 §5.4) as bytes, so a UTF-8 character split across
 * frames is decoded whole. Not thread-safe: one per connection, used by its reading thread.
 */
final class MessageAssembler {

    /** A whole message: text (decoded) or binary (bytes). */
    sealed interface Message permits Text, Binary {
    }

    record Text(String text) implements Message {
    }

    record Binary(byte[] bytes) implements Message {
    }

    private enum Kind { NONE, TEXT, BINARY }

    private final int maxMessageBytes;
    /** Only while a fragmented message is being assembled: an idle connection keeps no buffer. */
    private ByteArrayOutputStream pending;
    private Kind kind = Kind.NONE;

    MessageAssembler(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The first frame of a message ({@code text} or binary).
     *
     * @return the message when {@code fin}, else null
     * @throws WsCloseException 1002 while another message is unfinished, 1007 invalid UTF-8, 1009 too big
     */
    Message first(boolean text, byte[] payload, boolean fin) {
        if (kind != Kind.NONE) {
            throw new WsCloseException("New message before the last one was finished", WsCloseCodes.PROTOCOL_ERROR);
        }
        if (fin) {
            return complete(text, payload);
        }
        kind = text ? Kind.TEXT : Kind.BINARY;
        append(payload);
        return null;
    }

    /**
     * A continuation frame.
     *
     * @return the message when {@code fin}, else null
     * @throws WsCloseException 1002 without a message in progress, 1007 invalid UTF-8, 1009 too big
     */
    Message continuation(byte[] payload, boolean fin) {
        if (kind == Kind.NONE) {
            throw new WsCloseException("Continuation frame without a message", WsCloseCodes.PROTOCOL_ERROR);
        }
        append(payload);
        if (!fin) {
            return null;
        }
        boolean text = kind == Kind.TEXT;
        byte[] whole = pending.toByteArray();
        pending = null;
        kind = Kind.NONE;
        return complete(text, whole);
    }

    private void append(byte[] payload) {
        if (pending == null) {
            pending = new ByteArrayOutputStream(payload.length);
        }
        if ((long) pending.size() + payload.length > maxMessageBytes) {
            throw new WsCloseException("Message too big", WsCloseCodes.TOO_BIG);
        }
        pending.writeBytes(payload);
    }

    private Message complete(boolean text, byte[] bytes) {
        if (bytes.length > maxMessageBytes) {
            throw new WsCloseException("Message too big", WsCloseCodes.TOO_BIG);
        }
        return text ? new Text(decode(bytes)) : new Binary(bytes);
    }

    /** Strict UTF-8: malformed, overlong, surrogate or out-of-range sequences are refused, never replaced. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WsCloseException("Invalid UTF-8 in a text message", WsCloseCodes.NOT_CONSISTENT);
        }
    }
}
