package dev.tangle.tools.bench;

import java.net.URI;
import java.util.Map;

/**
 * A system under test and its wire protocol: Tangle's socket-server, a bare nats-server over WebSocket, or a
 * Node.js ws broadcast server. The run engine owns connections, schedule and accounting; a target only
 * prepares itself, encodes sends and decodes frames into {@link Events}.
 */
interface Target extends AutoCloseable {

    /** The engine's side: what a decoded frame means for the accounting. */
    interface Events {
        /** The client can now receive its group's messages. */
        void ready(BenchClient c, long nanos);

        void acked(BenchClient c, int msg, long nanos);

        void failed(BenchClient c, int msg, String why);

        /** A message whose payload was found in a frame. */
        void delivered(BenchClient c, int msg, long intendedNanos, long recvNanos);
    }

    String name();

    /** Starts servers or creates users and groups for the population; reports what it does on stdout. */
    void prepare(Population pop) throws Exception;

    URI uri(BenchClient c);

    /** Extra HTTP headers for the upgrade ("Name: value\r\n" lines), or "". */
    default String upgradeHeaders(BenchClient c) {
        return "";
    }

    /** The connection is open: send whatever makes the client ready (CONNECT and SUB, nothing, ...). */
    void opened(BenchClient c, Events events);

    void frame(BenchClient c, byte[] data, int off, int len, boolean text, long recvNanos, Events events);

    /** Sends message {@code msg} of the client's group; false when it could not be written. */
    boolean send(BenchClient c, int msg, String payload);

    /** The server processes to measure, by service name (pids); empty when not known. */
    Map<String, Long> serverPids();

    @Override
    void close();
}
