package dev.tangle.socket.session;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tangle.common.test.Await;
import dev.tangle.socket.session.WsSettings;
import dev.tangle.socket.frames.OutFrame;
import io.helidon.websocket.WsSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTest {

    private static final UUID C = UUID.randomUUID();

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final List<UUID> fills = new ArrayList<>();
    private final Session session = session();
    private final Delivery delivery = session.delivery();

    @Test
    void historyAfterTheCursorThenTheBufferInOrder() {
        delivery.filler((s, c) -> fills.add(c));
        delivery.live(C, 11, true, frame(11));
        delivery.beginResume(C, 8);
        delivery.endHold();
        delivery.live(C, 12, true, frame(12));
        for (long s = 9; s <= 11; s++) {
            delivery.history(C, s, frame(s));
        }
        delivery.endResume(C);
        delivery.live(C, 13, true, frame(13));
        assertWritten("9", "10", "11", "12", "13");
        assertThat(fills).isEmpty();
    }

    @Test
    void aLateResumeStillDeliversEverySeqTheSessionDidNotGet() {
        delivery.endHold();
        delivery.live(C, 80, true, frame(80));
        delivery.live(C, 81, true, frame(81));
        delivery.beginResume(C, 8);
        for (long s = 9; s <= 81; s++) {
            delivery.history(C, s, frame(s));
        }
        delivery.endResume(C);
        List<String> expected = new ArrayList<>(List.of("80", "81"));
        for (long s = 9; s <= 79; s++) {
            expected.add(Long.toString(s));
        }
        assertWritten(expected.toArray(String[]::new));
    }

    @Test
    void aLiveGapIsFilledFromHistoryBeforeLaterMessages() {
        delivery.filler((s, c) -> fills.add(c));
        delivery.beginResume(C, 4);
        delivery.endHold();
        delivery.endResume(C);
        delivery.live(C, 5, true, frame(5));
        delivery.live(C, 7, true, frame(7));
        delivery.live(C, 8, true, frame(8));
        assertThat(fills).containsExactly(C);
        assertThat(delivery.fillFrom(C)).isEqualTo(new Delivery.Gap(5, 8));
        delivery.history(C, 6, frame(6));
        delivery.history(C, 7, frame(7));
        delivery.endFill(C);
        assertWritten("5", "6", "7", "8");
    }

    @Test
    void aGapClosedByLiveMessagesDuringTheGraceNeedsNoHistory() {
        delivery.filler((s, c) -> fills.add(c));
        delivery.endHold();
        delivery.live(C, 5, true, frame(5));
        delivery.live(C, 7, true, frame(7));
        delivery.live(C, 6, true, frame(6));
        delivery.live(C, 6, true, frame(6));
        assertThat(delivery.fillFrom(C)).isNull();
        delivery.live(C, 8, true, frame(8));
        assertWritten("5", "6", "7", "8");
    }

    @Test
    void editsPassAndDuplicatesDoNot() {
        delivery.endHold();
        delivery.live(C, 1, true, frame(1));
        delivery.live(C, 1, false, new OutFrame("message", "edit1", false, 0));
        delivery.live(C, 1, true, frame(1));
        assertWritten("1", "edit1");
    }

    @Test
    void interleavedConversationsKeepTheirOwnSeqs() {
        UUID other = UUID.randomUUID();
        delivery.endHold();
        delivery.live(C, 1, true, frame(1));
        delivery.live(other, 1, true, frame(101));
        delivery.live(C, 2, true, frame(2));
        delivery.live(C, 2, true, frame(2)); // a duplicate of the conversation last used
        delivery.live(other, 2, true, frame(102));
        delivery.live(other, 1, true, frame(101)); // and of the other one
        delivery.forget(other);
        delivery.live(other, 1, true, frame(101)); // forgotten: starts afresh
        delivery.live(C, 3, true, frame(3));
        assertWritten("1", "101", "2", "102", "101", "3");
    }

    private void assertWritten(String... frames) {
        Await.until(Duration.ofSeconds(5), "frames written", () -> written.size() >= frames.length);
        assertThat(written).containsExactly(frames);
    }

    private static OutFrame frame(long seq) {
        return new OutFrame("message", Long.toString(seq), false, 0);
    }

    private Session session() {
        WsSession ws = (WsSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WsSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("send") && args[0] instanceof String text) {
                        written.add(text);
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
