package dev.tangle.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The Tangle side of the wire contract (API.md) as the bench decodes it, without a running stack. */
class TangleTargetTest {

    private final List<String> events = new ArrayList<>();
    private final Target.Events sink = new Target.Events() {
        public void ready(BenchClient c, long nanos) {
            events.add("ready " + c.index);
        }

        public void acked(BenchClient c, int msg, long nanos) {
            events.add("ack " + msg);
        }

        public void failed(BenchClient c, int msg, String why) {
            events.add("failed " + msg);
        }

        public void delivered(BenchClient c, int msg, long intendedNanos, long recvNanos) {
            events.add("delivered " + msg + " at " + intendedNanos);
        }
    };

    private void feed(TangleTarget t, BenchClient c, String json) {
        byte[] d = json.getBytes(StandardCharsets.UTF_8);
        t.frame(c, d, 0, d.length, true, 0, sink);
    }

    @Test
    void decodesHelloAckMessageErrorAndIgnoresTheRest() {
        DevEnv env = new DevEnv(URI.create("http://127.0.0.1:1"), URI.create("ws://127.0.0.1:2"), Map.of());
        assertThat(env.socketEndpoint()).hasToString("ws://127.0.0.1:2/v1/ws");
        TangleTarget t = new TangleTarget(env, BenchOptions.parse(List.of()));
        BenchClient c = new BenchClient(3, 0, 3);
        c.session = new TangleTarget.Session(new TangleSetup.User("h", "p", "u1", "r", "a.b c"));
        assertThat(t.uri(c)).hasToString("ws://127.0.0.1:2/v1/ws?access_token=a.b+c");

        feed(t, c, "{\"type\":\"hello\",\"userId\":\"u1\",\"sessionId\":\"s\",\"heartbeatMs\":25000}");
        feed(t, c, "{\"type\":\"ack\",\"id\":\"s17\",\"message\":{\"id\":\"m\",\"seq\":4,\"text\":\"" + Payload.text(17, 99, 40) + "\"}}");
        feed(t, c, "{\"type\":\"message\",\"event\":\"created\",\"conversationId\":\"c1\",\"message\":{\"id\":\"m2\",\"seq\":5,"
                + "\"senderId\":\"u2\",\"clientMsgId\":\"x-18\",\"text\":\"" + Payload.text(18, 1234, 40) + "\"}}");
        feed(t, c, "{\"type\":\"message\",\"event\":\"edited\",\"conversationId\":\"c1\",\"message\":{\"seq\":5,\"text\":\""
                + Payload.text(18, 1234, 40) + "\"}}");
        feed(t, c, "{\"type\":\"typing\",\"conversationId\":\"c1\",\"userId\":\"u2\"}");
        feed(t, c, "{\"type\":\"error\",\"id\":\"s19\",\"code\":\"forbidden\",\"detail\":\"no\"}");

        assertThat(events).containsExactly("ready 3", "ack 17", "delivered 18 at 1234", "failed 19");
        assertThat(c.<TangleTarget.Session>session().lastSeq).isEqualTo(5);
    }
}
