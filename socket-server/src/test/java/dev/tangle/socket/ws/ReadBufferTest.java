package dev.tangle.socket.ws;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

import io.helidon.common.socket.PlainSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadBufferTest {

    @Test
    void helidonsBlockingSocketGetsTheSmallBufferAndStillReadsEverything() throws Exception {
        assertThat(ReadBuffer.supported()).as("Helidon's PlainSocket still has the field we size down").isTrue();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            PlainSocket socket = PlainSocket.server(accepted, "c", "s");
            assertThat(readBuffer(socket)).hasSize(8192);

            assertThat(ReadBuffer.shrink(socket)).isTrue();
            assertThat(readBuffer(socket)).hasSize(ReadBuffer.BYTES);

            byte[] sent = new byte[5 * ReadBuffer.BYTES + 17];
            Arrays.fill(sent, (byte) 'x');
            sent[sent.length - 1] = 'y';
            OutputStream out = client.getOutputStream();
            out.write(sent);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (received.size() < sent.length) {
                byte[] chunk = socket.get();
                assertThat(chunk.length).isLessThanOrEqualTo(ReadBuffer.BYTES);
                received.writeBytes(chunk);
            }
            assertThat(received.toByteArray()).isEqualTo(sent);
        }
    }

    private static byte[] readBuffer(PlainSocket socket) throws ReflectiveOperationException {
        Field field = PlainSocket.class.getDeclaredField("readBuffer");
        field.setAccessible(true);
        return (byte[]) field.get(socket);
    }
}
