package dev.tangle.socket.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.tangle.common.test.Await;
import dev.tangle.socket.frames.OutFrame;
import dev.tangle.socket.ws.PreparedFrames;
import dev.tangle.socket.ws.ServerFrames;
import io.helidon.websocket.WsSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's side of a session: what queues up behind a write goes out in the next one, in order (ADR 0141). */
class SessionWritesTest {

    private final CountDownLatch firstWriteEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
    private final List<byte[]> writes = new CopyOnWriteArrayList<>();
    private final List<String> counted = new CopyOnWriteArrayList<>();

    @Test
    void framesQueuedDuringAWriteGoOutTogetherInOrder() throws InterruptedException {
        Session session = session();
        OutFrame first = frame("a");
        assertThat(session.enqueue(first)).isTrue();
        firstWriteEntered.await();
        List<OutFrame> behind = List.of(frame("b"), frame("c"), frame("d"));
        behind.forEach(session::enqueue);
        releaseFirstWrite.countDown();
        Await.until(Duration.ofSeconds(5), "every frame counted", () -> counted.size() == 4);

        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).isEqualTo(first.wire());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        behind.forEach(f -> expected.writeBytes(f.wire()));
        assertThat(writes.get(1)).isEqualTo(expected.toByteArray());
        assertThat(counted).containsExactly("a", "b", "c", "d");
        assertThat(session.queued()).isZero();
    }

    @Test
    void aWriteTakesAtMostTheGatherLimit() throws InterruptedException {
        Session session = session();
        session.enqueue(frame("first"));
        firstWriteEntered.await();
        int frames = Session.GATHER_FRAMES + 3;
        for (int i = 0; i < frames; i++) {
            session.enqueue(frame(Integer.toString(i)));
        }
        releaseFirstWrite.countDown();
        Await.until(Duration.ofSeconds(5), "every frame counted", () -> counted.size() == frames + 1);

        assertThat(writes).hasSize(3);
        assertThat(writes.get(1).length).isEqualTo(bytesOf(0, Session.GATHER_FRAMES));
        assertThat(writes.get(2).length).isEqualTo(bytesOf(Session.GATHER_FRAMES, frames));
    }

    private static int bytesOf(int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += frame(Integer.toString(i)).bytes();
        }
        return bytes;
    }

    private static OutFrame frame(String text) {
        return new OutFrame("message", text, false, 0);
    }

    private Session session() {
        WsSettings limits = new WsSettings(List.of(), 65536, Duration.ofSeconds(25), 1024, 1 << 22, Duration.ofSeconds(10),
                60, 10, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(5), 1);
        return new Session("s", UUID.randomUUID(), Instant.MAX, new Socket(), limits, new Session.SessionEvents() {
            @Override
            public void ended(Session s, int code, String reason) {
            }

            @Override
            public void written(OutFrame frame) {
                counted.add(frame.text());
            }
        });
    }

    /** Takes prepared frames; its first write blocks until the test lets it go. */
    private final class Socket extends QuietWsSession implements PreparedFrames {

        @Override
        public void sendPrepared(byte[] frames) {
            writes.add(frames.clone());
            if (writes.size() == 1) {
                firstWriteEntered.countDown();
                try {
                    releaseFirstWrite.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public WsSession send(String text, boolean last) {
            sendPrepared(ServerFrames.text(text.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

    }
}
