package dev.tangle.tools.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class WsFramesTest {

    private record Frame(boolean fin, int opcode, String text) {
    }

    private static List<Frame> parseAll(byte[] bytes, int[] used) {
        List<Frame> frames = new ArrayList<>();
        used[0] = WsFrames.parse(bytes, 0, bytes.length,
                (fin, op, d, off, len) -> frames.add(new Frame(fin, op, new String(d, off, len, StandardCharsets.UTF_8))));
        return frames;
    }

    @Test
    void clientFramesAreMaskedAndParseBackAtEveryLengthEncoding() {
        for (int size : new int[] {0, 5, 125, 126, 65535, 65536, 200_000}) {
            String text = "x".repeat(size);
            ByteBuffer frame = WsFrames.textFrame(text);
            byte[] bytes = Arrays.copyOfRange(frame.array(), 0, frame.limit());
            assertThat(bytes[0] & 0xff).isEqualTo(0x81);
            assertThat(bytes[1] & 0x80).as("mask bit").isEqualTo(0x80);
            int[] used = new int[1];
            List<Frame> frames = parseAll(bytes, used);
            assertThat(used[0]).isEqualTo(bytes.length);
            assertThat(frames).containsExactly(new Frame(true, WsFrames.OP_TEXT, text));
        }
    }

    @Test
    void partialFramesAreLeftForTheNextRead() {
        byte[] one = serverFrame(WsFrames.OP_TEXT, "hello");
        byte[] two = serverFrame(WsFrames.OP_BINARY, "y".repeat(300));
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        byte[] cut = Arrays.copyOf(both, one.length + 3);
        int[] used = new int[1];
        assertThat(parseAll(cut, used)).containsExactly(new Frame(true, WsFrames.OP_TEXT, "hello"));
        assertThat(used[0]).isEqualTo(one.length);
        assertThat(parseAll(both, used)).hasSize(2);
    }

    @Test
    void acceptKeyMatchesTheRfcExample() {
        assertThat(WsFrames.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    /** An unmasked frame as a server sends it. */
    static byte[] serverFrame(int opcode, String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(p.length + 4);
        b.put((byte) (0x80 | opcode));
        if (p.length < 126) {
            b.put((byte) p.length);
        } else {
            b.put((byte) 126).putShort((short) p.length);
        }
        b.put(p);
        return Arrays.copyOf(b.array(), b.position());
    }
}
