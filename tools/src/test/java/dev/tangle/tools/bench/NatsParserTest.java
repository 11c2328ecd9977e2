package dev.tangle.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NatsParserTest {

    @Test
    void operationsSplitAcrossFramesAreReassembled() {
        List<String> seen = new ArrayList<>();
        NatsParser.Handler h = new NatsParser.Handler() {
            public void msg(byte[] d, int off, int len) {
                seen.add("MSG " + new String(d, off, len, StandardCharsets.UTF_8));
            }

            public void ping() {
                seen.add("PING");
            }

            public void pong() {
                seen.add("PONG");
            }

            public void error(String line) {
                seen.add(line);
            }
        };
        NatsParser p = new NatsParser();
        String stream = "INFO {}\r\nPONG\r\nMSG g.1 1 12\r\nhello\r\nworld\r\nPING\r\n-ERR 'x'\r\n";
        byte[] bytes = stream.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i += 7) {
            p.feed(bytes, i, Math.min(7, bytes.length - i), h);
        }
        assertThat(seen).containsExactly("PONG", "MSG hello\r\nworld", "PING", "-ERR 'x'");
    }
}
