package dev.tangle.socket.ws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.tangle.socket.frames.OutFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerFramesTest {

    @Test
    void textFramesAreFinalUnmaskedWithEveryLengthForm() {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'a');
            byte[] frame = ServerFrames.text(payload);
            assertThat(frame[0] & 0xFF).as("FIN + text").isEqualTo(0x81);
            assertThat(frame[1] & 0x80).as("a server frame is never masked").isZero();
            int header;
            long declared;
            if (length < 126) {
                header = 2;
                declared = frame[1];
            } else if (length < 65_536) {
                header = 4;
                assertThat(frame[1]).isEqualTo((byte) 126);
                declared = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            } else {
                header = 10;
                assertThat(frame[1]).isEqualTo((byte) 127);
                declared = 0;
                for (int i = 0; i < 8; i++) {
                    declared = (declared << 8) | (frame[2 + i] & 0xFF);
                }
            }
            assertThat(declared).as("length of " + length).isEqualTo(length);
            assertThat(frame).hasSize(header + length);
            assertThat(Arrays.copyOfRange(frame, header, frame.length)).isEqualTo(payload);
        }
    }

    @Test
    void anOutFrameCarriesItsTextAsOneUtf8FrameSharedByEverySession() {
        OutFrame frame = new OutFrame("message", "{\"text\":\"café ✓\"}", false, 0);
        byte[] utf8 = frame.text().getBytes(StandardCharsets.UTF_8);
        assertThat(frame.wire()).isEqualTo(ServerFrames.text(utf8));
        assertThat(frame.bytes()).isEqualTo(2 + utf8.length);
        assertThat(frame.wire()).isSameAs(frame.wire());
    }
}
