package dev.tangle.socket.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.id.Ids;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.socket.support.RawWsClient;
import dev.tangle.socket.support.SocketStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input on the wire (issue 12 item 8): fragmented text messages are reassembled at every byte boundary,
 * invalid UTF-8 closes with 1007, bad fragment order with 1002, a fragmented message over the limit with 1009.
 */
class FragmentsAndUtf8IT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Two-, three- and four-byte characters, and an escaped one JSON must turn back into the same text. */
    private static final String ID = "café ☕ 日本 𝄞 \\u00fc!";
    private static final String DECODED_ID = "café ☕ 日本 𝄞 ü!";

    /** Where {@link #withInId} puts the invalid bytes. */
    private static final int ID_START = "{\"type\":\"ping\",\"id\":\"x".length();

    private static SocketStack stack;
    private static RunningService server;

    @BeforeAll
    static void start() {
        stack = new SocketStack();
        server = stack.start(Map.of("TANGLE_WS_RATE_BURST", "100000", "TANGLE_WS_RATE_PER_SECOND", "100000",
                "TANGLE_WS_MAX_FRAME", "4KiB",
                // a long heartbeat: a session released within the release tests' 2 s was not dropped for silence
                "TANGLE_WS_HEARTBEAT", "25s"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static RawWsClient connect() {
        RawWsClient client = RawWsClient.connect(server.baseUrl(), stack.tokens().token(Ids.newId()));
        assertThat(client.readJson(WAIT).path("type").asText()).isEqualTo("hello");
        return client;
    }

    private static byte[] ping(String id) {
        return ("{\"type\":\"ping\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTextSplitAtEveryByteOffsetIsReassembledExactly() {
        byte[] message = ping(ID);
        try (RawWsClient client = connect()) {
            for (int cut = 1; cut < message.length; cut++) {
                client.fragments(RawWsClient.TEXT, Arrays.copyOfRange(message, 0, cut),
                        Arrays.copyOfRange(message, cut, message.length));
            }
            for (int cut = 1; cut < message.length; cut++) {
                JsonNode pong = client.readJson(WAIT);
                assertThat(pong.path("type").asText()).as("reply to the message cut at byte %d", cut).isEqualTo("pong");
                assertThat(pong.path("id").asText()).as("id of the message cut at byte %d", cut).isEqualTo(DECODED_ID);
            }
        }
    }

    @Test
    void aTextInOneByteFramesWithEmptyFramesAndPingsBetweenIsReassembled() {
        byte[] message = ping(ID);
        try (RawWsClient client = connect()) {
            client.frame(RawWsClient.TEXT, false, new byte[0]);
            for (int i = 0; i < message.length; i++) {
                if (i % 7 == 3) {
                    client.frame(RawWsClient.PING, true, "between".getBytes(StandardCharsets.US_ASCII));
                    RawWsClient.Frame pong = client.read(WAIT);
                    assertThat(pong.opcode()).isEqualTo(RawWsClient.PONG);
                    assertThat(pong.text()).isEqualTo("between");
                }
                client.frame(RawWsClient.CONTINUATION, false, new byte[] {message[i]});
            }
            client.frame(RawWsClient.CONTINUATION, true, new byte[0]);
            JsonNode pong = client.readJson(WAIT);
            assertThat(pong.path("id").asText()).isEqualTo(DECODED_ID);
        }
    }

    @Test
    void invalidUtf8ClosesWith1007WhereverItIs() {
        byte[][] invalid = {
                {(byte) 0xC3},                                  // truncated two-byte character at the end
                {(byte) 0xA9},                                  // continuation byte without a lead byte
                {(byte) 0xC0, (byte) 0xAF},                     // overlong '/'
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},        // UTF-16 surrogate
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
                {(byte) 0xFF},
        };
        for (byte[] bad : invalid) {
            byte[] message = withInId(bad);
            try (RawWsClient whole = connect()) {
                whole.frame(RawWsClient.TEXT, true, message);
                assertThat(whole.awaitClose(WAIT)).as("one frame with %s", Arrays.toString(bad)).isEqualTo(1007);
            }
            try (RawWsClient split = connect()) {
                int cut = ID_START + (bad.length == 1 ? 0 : 1); // inside the bad sequence, or just before it
                split.fragments(RawWsClient.TEXT, Arrays.copyOfRange(message, 0, cut), Arrays.copyOfRange(message, cut, message.length));
                assertThat(split.awaitClose(WAIT)).as("fragments with %s", Arrays.toString(bad)).isEqualTo(1007);
            }
        }
    }

    @Test
    void aValidReplacementCharacterIsNotMistakenForInvalidInput() {
        try (RawWsClient client = connect()) {
            client.frame(RawWsClient.TEXT, true, ping("\uFFFD"));
            assertThat(client.readJson(WAIT).path("id").asText()).isEqualTo("\uFFFD");
        }
    }

    @Test
    void badFragmentOrderClosesWith1002() {
        try (RawWsClient client = connect()) {
            client.frame(RawWsClient.CONTINUATION, true, ping("orphan"));
            assertThat(client.awaitClose(WAIT)).isEqualTo(1002);
        }
        try (RawWsClient client = connect()) {
            client.frame(RawWsClient.TEXT, false, "{\"type\":".getBytes(StandardCharsets.UTF_8));
            client.frame(RawWsClient.TEXT, true, ping("interleaved"));
            assertThat(client.awaitClose(WAIT)).isEqualTo(1002);
        }
    }

    @Test
    void aFragmentedMessageOverTheLimitClosesWith1009AndOneAtTheLimitIsServed() {
        try (RawWsClient client = connect()) {
            byte[] kib = new byte[1024];
            Arrays.fill(kib, (byte) ' ');
            client.fragments(RawWsClient.TEXT, kib, kib, kib, kib, kib);
            assertThat(client.awaitClose(WAIT)).isEqualTo(1009);
        }
        try (RawWsClient client = connect()) {
            byte[] message = ping("limit");
            byte[] padded = new byte[4096];
            Arrays.fill(padded, (byte) ' ');
            System.arraycopy(message, 0, padded, 0, message.length);
            client.fragments(RawWsClient.TEXT, Arrays.copyOfRange(padded, 0, 2048), Arrays.copyOfRange(padded, 2048, 4096));
            assertThat(client.readJson(WAIT).path("id").asText()).isEqualTo("limit");
        }
    }

    @Test
    void theSessionOfAClientClosedWith1007IsReleasedAtOnce() {
        RawWsClient client = connect();
        client.frame(RawWsClient.TEXT, true, new byte[] {'{', (byte) 0xC3, '}'});
        assertThat(client.awaitClose(WAIT)).isEqualTo(1007);
        awaitNoSession();
        client.close();
    }

    @Test
    void anAbruptTcpDropReleasesTheSessionAtOnce() {
        RawWsClient client = connect();
        client.close(); // no close frame, nothing the server could fail to write to

        awaitNoSession();
    }

    private static void awaitNoSession() {
        Await.until(Duration.ofSeconds(2), "no open session left", () -> new HttpTestClient(server.baseUrl())
                .get("/metrics", null).text().contains("tangle_socket_sessions_open 0.0"));
    }

    /** A ping frame's text with {@code bad} put inside its id (the JSON stays well-formed around it). */
    private static byte[] withInId(byte[] bad) {
        byte[] head = "{\"type\":\"ping\",\"id\":\"x".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(bad, 0, out, head.length, bad.length);
        System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
        return out;
    }
}
