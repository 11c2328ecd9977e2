package dev.tangle.socket.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.tangle.socket.fanout.EventRouter;
import dev.tangle.socket.fanout.Heads;
import dev.tangle.socket.frames.OutFrame;
import dev.tangle.socket.ws.PreparedFrames;
import dev.tangle.socket.ws.ServerFrames;
import io.helidon.websocket.WsSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * socket-server's fan-out step without the kernel: one {@code message.created} event as it arrives from NATS
 * (bytes) is turned into its frame and delivered to N local sessions, through each session's ordering
 * ({@link Delivery}), outbound queue and writer, into a socket stand-in that only counts the bytes. A benchmark
 * operation ends when every session has written the frame; divide the score by {@code sessions} for the cost of
 * one delivery. Run (docs/benchmarks.md, "issue 19 — socket-server"):
 * {@code ./mvnw -q -o -pl socket-server -am -Dweb.skip -DskipTests -Pjmh verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class FanoutBenchmark {

    private static final UUID CONVERSATION = UUID.randomUUID();

    @Param({"50", "1000"})
    public int sessions;

    /**
     * true: sessions write the frame's shared bytes ({@link PreparedFrames}, what {@code StrictWsConnection}
     * takes); false: each session encodes the frame from its text, as every delivery did before (ADR 0121).
     */
    @Param({"true", "false"})
    public boolean shared;

    private final AtomicLong written = new AtomicLong();
    private volatile long target;
    private volatile Thread waiter;
    private final List<Session> all = new ArrayList<>();
    private EventRouter router;
    private String subject;
    private long seq;

    @Setup(Level.Trial)
    public void setUp() {
        WsSettings limits = new WsSettings(List.of(), 65536, Duration.ofSeconds(25), 1024, 1 << 22, Duration.ofSeconds(10),
                60, 10, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(5), 1);
        Session.SessionEvents events = new Session.SessionEvents() {
            @Override
            public void ended(Session s, int code, String reason) {
            }

            @Override
            public void written(OutFrame frame) {
                if (written.incrementAndGet() == target) { // per frame, also when several go out in one write
                    LockSupport.unpark(waiter);
                }
            }
        };
        LocalUser[] members = new LocalUser[sessions];
        for (int i = 0; i < sessions; i++) {
            Session session = new Session("s" + i, UUID.randomUUID(), Instant.MAX, (shared ? new SharedBytesSocket() : new CountingSocket()), limits, events);
            session.delivery().endHold();
            members[i] = new LocalUser(session.userId(), new RateLimiter(10, 10));
            members[i].addSession(session);
            all.add(session);
        }
        router = new EventRouter(new SessionRegistry(limits), conversation -> members, new Heads(), null, null);
        subject = "tangle.evt.chat." + CONVERSATION + ".message.created";
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        all.forEach(s -> s.close(1001, "done"));
    }

    @Benchmark
    public long oneEventToEverySession() {
        waiter = Thread.currentThread();
        long until = written.get() + sessions;
        target = until;
        seq++;
        router.route(subject, event(seq));
        while (written.get() < until) {
            LockSupport.park(this); // the last session's write unparks it
        }
        return seq;
    }

    private static final String SENDER = UUID.randomUUID().toString();
    private static final String BEFORE_SEQ = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
            + "\",\"type\":\"message.created\",\"time\":\"2026-12-01T12:00:00.000Z\",\"data\":{\"message\":{\"id\":\""
            + UUID.randomUUID() + "\",\"conversationId\":\"" + CONVERSATION + "\",\"seq\":";
    private static final String AFTER_SEQ = ",\"senderId\":\"" + SENDER + "\",\"text\":\"" + "x".repeat(64)
            + "\",\"createdAt\":\"2026-12-01T12:00:00.000Z\",\"editedAt\":null,\"deleted\":false,"
            + "\"attachments\":[],\"reactions\":{}}}}";

    /** The NATS payload of {@code tangle.evt.chat.<id>.message.created} (its shape, not every field api-server sets). */
    private static byte[] event(long seq) {
        return (BEFORE_SEQ + seq + AFTER_SEQ).getBytes(StandardCharsets.UTF_8);
    }

    /** A socket that takes frames already encoded. */
    private static final class SharedBytesSocket extends CountingSocket implements PreparedFrames {
        @Override
        public void sendPrepared(byte[] frame) {
            blackhole = frame;
        }
    }

    /** A socket that takes every frame at once; a text is encoded as a connection does. */
    private static class CountingSocket extends QuietWsSession {
        volatile byte[] blackhole;

        @Override
        public WsSession send(String text, boolean last) {
            blackhole = ServerFrames.text(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

    }
}
