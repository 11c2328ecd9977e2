package dev.tangle.socket.session;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.tangle.common.config.Settings;

/**
 * WebSocket limits and timings ({@code ws.*}), part of {@code SocketConfig}; the sessions apply them.
 *
 * @param allowedOrigins   browser origins allowed to connect ({@code ws.allowed-origins}, comma separated; empty = any, see ADR 0040)
 * @param maxFrameBytes    largest client frame ({@code ws.max-frame}, default 64KiB); bigger closes with 1009
 * @param heartbeat        server ping interval, sent in hello as heartbeatMs ({@code ws.heartbeat}, default 25s)
 * @param queueMessages    outbound frames a session may have queued before it is closed with 4009 ({@code ws.queue-messages}, default 1024)
 * @param queueBytes       outbound bytes a session may have queued before it is closed with 4009 ({@code ws.queue-bytes}, default 4MiB)
 * @param writeTimeout     longest a single write may block before the session is closed as too slow ({@code ws.write-timeout}, default 10s)
 * @param rateBurst        client frames a user may send at once ({@code ws.rate-burst}, default 60)
 * @param ratePerSecond    sustained client frames per second per user ({@code ws.rate-per-second}, default 10)
 * @param typingInterval   shortest interval between two typing signals of a user in one conversation ({@code ws.typing-interval}, default 2s)
 * @param resumeWindow     how long live messages are held after hello waiting for a resume ({@code ws.resume-window}, default 1s, ADR 0042)
 * @param canvasTimeout    a canvas room member not refreshed for this long has left ({@code ws.canvas-timeout}, default 5m)
 * @param requestTimeout   timeout of requests to api-server over NATS ({@code ws.request-timeout}, default 5s)
 * @param fanoutThreads    threads fanning events out to sessions, conversations spread over them
 *                         ({@code ws.fanout-threads}, default: the number of cores)
 */
public record WsSettings(List<String> allowedOrigins, int maxFrameBytes, Duration heartbeat, int queueMessages,
                         long queueBytes, Duration writeTimeout, int rateBurst, int ratePerSecond,
                         Duration typingInterval, Duration resumeWindow, Duration canvasTimeout,
                         Duration requestTimeout, int fanoutThreads) {
    public static WsSettings from(Settings s) {
        List<String> origins = Arrays.stream(s.string("ws.allowed-origins", "").split(","))
                .map(String::trim).filter(o -> !o.isEmpty()).toList();
        return new WsSettings(origins,
                (int) s.bytes("ws.max-frame", 64 * 1024, 1024, 16L * 1024 * 1024),
                s.duration("ws.heartbeat", Duration.ofSeconds(25), Duration.ofMillis(200), Duration.ofMinutes(5)),
                s.integer("ws.queue-messages", 1024, 8, 1_000_000),
                s.bytes("ws.queue-bytes", 4L * 1024 * 1024, 64 * 1024, 1024L * 1024 * 1024),
                s.duration("ws.write-timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
                s.integer("ws.rate-burst", 60, 1, 1_000_000),
                s.integer("ws.rate-per-second", 10, 1, 1_000_000),
                s.duration("ws.typing-interval", Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(1)),
                s.duration("ws.resume-window", Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(30)),
                s.duration("ws.canvas-timeout", Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofHours(1)),
                s.duration("ws.request-timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(1)),
                s.integer("ws.fanout-threads", Runtime.getRuntime().availableProcessors(), 1, 256));
    }

    public boolean originAllowed(String origin) {
        return allowedOrigins.isEmpty() || origin == null || allowedOrigins.contains(origin);
    }
}
