package dev.tangle.tools.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Peer: a bare nats-server with its WebSocket listener, driven over the NATS text protocol. Each group is a
 * subject; members SUB to it; a send is one PUB followed by PING, and the PONG that answers it is the ack
 * (the server has processed the PUB, fan-out included). Echo is off, like Tangle not counting the sender.
 */
final class NatsTarget implements Target {

    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,\"echo\":false,\"protocol\":1,"
            + "\"name\":\"tangle-bench\",\"lang\":\"java\",\"version\":\"1\"}\r\n";
    private static final int READY = -1;

    private final Path dir;
    private PeerProcess server;
    private int wsPort;

    NatsTarget(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public void prepare(Population pop) throws Exception {
        Files.createDirectories(dir);
        int port = PeerProcess.freePort();
        wsPort = PeerProcess.freePort();
        Path conf = dir.resolve("nats.conf");
        Files.writeString(conf, """
                listen: "127.0.0.1:%d"
                max_payload: 1048576
                write_deadline: "10s"
                websocket {
                  listen: "127.0.0.1:%d"
                  no_tls: true
                }
                """.formatted(port, wsPort));
        server = PeerProcess.start("nats-server", List.of("nats-server", "-c", conf.toString()), dir, wsPort);
        System.out.println("  started " + server + " websocket on 127.0.0.1:" + wsPort);
    }

    @Override
    public URI uri(BenchClient c) {
        return URI.create("ws://127.0.0.1:" + wsPort + "/");
    }

    @Override
    public void opened(BenchClient c, Events events) {
        Session s = new Session();
        c.session = s;
        synchronized (s) {
            s.pongs.add(READY);
            c.conn.sendText(CONNECT + "SUB g." + c.group + " 1\r\nPING\r\n");
        }
    }

    @Override
    public boolean send(BenchClient c, int msg, String payload) {
        Session s = c.session();
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String frame = "PUB g." + c.group + " " + body.length + "\r\n" + payload + "\r\nPING\r\n";
        synchronized (s) {
            s.pongs.add(msg);
            return c.conn.sendText(frame);
        }
    }

    @Override
    public void frame(BenchClient c, byte[] data, int off, int len, boolean text, long recvNanos, Events events) {
        Session s = c.session();
        s.parser.feed(data, off, len, new NatsParser.Handler() {
            @Override
            public void msg(byte[] d, int o, int l) {
                long[] p = new long[2];
                if (Payload.find(d, o, l, p)) {
                    events.delivered(c, (int) p[0], p[1], recvNanos);
                }
            }

            @Override
            public void ping() {
                c.conn.sendText("PONG\r\n");
            }

            @Override
            public void pong() {
                Integer msg;
                synchronized (s) {
                    msg = s.pongs.poll();
                }
                if (msg == null) {
                    return;
                }
                if (msg == READY) {
                    events.ready(c, recvNanos);
                } else {
                    events.acked(c, msg, recvNanos);
                }
            }

            @Override
            public void error(String line) {
                System.err.println("bench: nats client " + c.index + ": " + line);
            }
        });
    }

    @Override
    public Map<String, Long> serverPids() {
        return server == null ? Map.of() : Map.of("nats-server", server.pid());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    private static final class Session {
        final ArrayDeque<Integer> pongs = new ArrayDeque<>();
        final NatsParser parser = new NatsParser();
    }
}
