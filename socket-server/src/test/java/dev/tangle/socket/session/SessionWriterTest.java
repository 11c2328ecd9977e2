package dev.tangle.socket.session;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tangle.common.test.Await;
import dev.tangle.socket.SocketConfig.WsSettings;
import dev.tangle.socket.frames.OutFrame;
import io.helidon.websocket.WsSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who writes a session's frames: the enqueuing thread while the client keeps up, a writer thread past that. */
class SessionWriterTest {

    private static final String KIB = "x".repeat(1024);

    private final List<Thread> writers = new CopyOnWriteArrayList<>();
    private final Session session = session();

    @Test
    void anIdleSessionIsWrittenByTheEnqueuingThreadWithoutAHandOff() {
        for (int i = 0; i < 10; i++) {
            session.enqueue(frame());
        }
        assertThat(writers).hasSize(10).allMatch(t -> t == Thread.currentThread());
    }

    @Test
    void pastTheBudgetWithoutHearingFromTheClientAWriterThreadTakesOverUntilTheClientIsHeard() {
        for (int i = 0; i < 64; i++) {
            session.enqueue(frame());
        }
        assertThat(writers).hasSize(64).allMatch(t -> t == Thread.currentThread());
        session.enqueue(frame());
        Await.until(Duration.ofSeconds(5), "65th frame written", () -> writers.size() == 65);
        assertThat(writers.get(64)).isNotSameAs(Thread.currentThread());
        assertThat(writers.get(64).isVirtual()).isTrue();

        session.heard();
        Await.until(Duration.ofSeconds(5), "writer thread done", () -> session.queued() == 0);
        session.enqueue(frame());
        Await.until(Duration.ofSeconds(5), "66th frame written", () -> writers.size() == 66);
        assertThat(writers.get(65)).isSameAs(Thread.currentThread());
    }

    private static OutFrame frame() {
        return new OutFrame("message", KIB, false, 0);
    }

    private Session session() {
        WsSession ws = (WsSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WsSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("send")) {
                        writers.add(Thread.currentThread());
                    }
                    return method.getReturnType().isInstance(proxy) ? proxy : null;
                });
        WsSettings limits = new WsSettings(List.of(), 65536, Duration.ofSeconds(25), 1024, 1 << 22, Duration.ofSeconds(10),
                60, 10, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(5), 1);
        return new Session("s", UUID.randomUUID(), Instant.MAX, ws, limits, new Session.SessionEvents() {
            @Override
            public void ended(Session s, int code, String reason) {
            }

            @Override
            public void written(OutFrame frame) {
            }
        });
    }
}
