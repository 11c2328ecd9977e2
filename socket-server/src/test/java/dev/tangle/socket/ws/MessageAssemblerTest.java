package dev.tangle.socket.ws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.helidon.websocket.WsCloseException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageAssemblerTest {

    private static final String TEXT = "a é ☕ 日本 𝄞 \uFFFD z";

    @Test
    void everyTwoAndThreeWaySplitDecodesToTheSameText() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        MessageAssembler assembler = new MessageAssembler(1024);
        for (int i = 0; i <= bytes.length; i++) {
            for (int j = i; j <= bytes.length; j++) {
                assertThat(assembler.first(true, Arrays.copyOfRange(bytes, 0, i), false)).isNull();
                assertThat(assembler.continuation(Arrays.copyOfRange(bytes, i, j), false)).isNull();
                MessageAssembler.Message m = assembler.continuation(Arrays.copyOfRange(bytes, j, bytes.length), true);
                assertThat(m).as("split at %d and %d", i, j).isEqualTo(new MessageAssembler.Text(TEXT));
            }
        }
    }

    @Test
    void binaryMessagesKeepTheirBytes() {
        MessageAssembler assembler = new MessageAssembler(16);
        assembler.first(false, new byte[] {(byte) 0xC3}, false);
        var m = (MessageAssembler.Binary) assembler.continuation(new byte[] {(byte) 0xFF}, true);
        assertThat(m.bytes()).containsExactly(0xC3, 0xFF);
    }

    @Test
    void violationsCarryTheirCloseCodes() {
        assertThatThrownBy(() -> new MessageAssembler(16).first(true, new byte[] {(byte) 0xE2, (byte) 0x98}, true))
                .isInstanceOf(WsCloseException.class).extracting(e -> ((WsCloseException) e).closeCode()).isEqualTo(1007);
        assertThatThrownBy(() -> new MessageAssembler(16).continuation(new byte[1], true))
                .extracting(e -> ((WsCloseException) e).closeCode()).isEqualTo(1002);
        MessageAssembler open = new MessageAssembler(16);
        open.first(true, new byte[1], false);
        assertThatThrownBy(() -> open.first(true, new byte[1], true))
                .extracting(e -> ((WsCloseException) e).closeCode()).isEqualTo(1002);
        MessageAssembler small = new MessageAssembler(4);
        small.first(true, new byte[3], false);
        assertThatThrownBy(() -> small.continuation(new byte[2], true))
                .extracting(e -> ((WsCloseException) e).closeCode()).isEqualTo(1009);
    }
}
