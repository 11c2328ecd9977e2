package dev.tangle.tools.bench.ws;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WsClientTest {

    private static final String TOKEN = "eyJhbGciOiJFZERTQSJ9.secret-payload.signature";

    @Test
    void aSocketThatCannotBeOpenedIsReportedWithoutTheAccessToken() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:9/v1/ws?access_token=" + TOKEN);
        // a documentation address (RFC 5737) is assigned to no interface here: binding to it fails at once
        InetAddress unassigned = InetAddress.getByName("192.0.2.1");
        try (WsClient client = new WsClient(1)) {
            assertThatThrownBy(() -> client.connect(uri, unassigned, "", new WsListener() {
                @Override
                public void onOpen(WsConnection conn) {
                }

                @Override
                public void onMessage(WsConnection conn, byte[] data, int off, int len, boolean text, long recvNanos) {
                }

                @Override
                public void onClose(WsConnection conn, int code, String reason) {
                }
            }, null))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot open a socket to ws://127.0.0.1:9/v1/ws:")
                    .message().doesNotContain(TOKEN).doesNotContain("access_token");
        }
    }

    @Test
    void withoutQueryKeepsSchemeHostPortAndPath() {
        assertThat(WsClient.withoutQuery(URI.create("ws://localhost:8081/v1/ws?access_token=" + TOKEN)))
                .isEqualTo("ws://localhost:8081/v1/ws");
    }
}
