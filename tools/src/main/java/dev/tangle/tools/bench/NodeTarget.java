package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Peer: the common developer's choice, a single-threaded Node.js server on the {@code ws} package that keeps
 * rooms in memory and broadcasts each message to the room. The tool installs {@code ws} from npm into a
 * scratch folder and writes the server script itself.
 */
final class NodeTarget implements Target {

    static final String SERVER_JS = """
            // Written by ./tangle bench: a plain ws broadcast server (rooms by ?room=, ack to the sender).
            const { WebSocketServer } = require('ws');
            const port = Number(process.argv[2]);
            const rooms = new Map();
            const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, clientTracking: false, backlog: 4096 });
            wss.on('connection', (ws, req) => {
              const room = new URL(req.url, 'http://localhost').searchParams.get('room') || 'lobby';
              let members = rooms.get(room);
              if (!members) rooms.set(room, members = new Set());
              members.add(ws);
              ws.on('message', (data) => {
                const m = JSON.parse(data.toString());
                const out = Buffer.from(JSON.stringify({ type: 'message', room, text: m.text }));
                for (const peer of members) if (peer !== ws && peer.readyState === 1) peer.send(out, { binary: false });
                ws.send(JSON.stringify({ type: 'ack', id: m.id }));
              });
              ws.on('close', () => members.delete(ws));
              ws.send('{"type":"hello"}');
            });
            wss.on('listening', () => console.log('listening on ' + port));
            """;

    private static final byte[] TYPE = Scan.stringKey("type");
    private static final byte[] ID = Scan.key("id");

    private final Path dir;
    private PeerProcess server;
    private int port;

    NodeTarget(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "node-ws";
    }

    @Override
    public void prepare(Population pop) throws Exception {
        install(dir);
        port = PeerProcess.freePort();
        server = PeerProcess.start("node-ws", List.of("node", "server.js", Integer.toString(port)), dir, port);
        System.out.println("  started " + server + " on 127.0.0.1:" + port);
    }

    /** npm-installs ws into {@code dir} once and (re)writes the server script. */
    static void install(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("server.js"), SERVER_JS);
        if (Files.isDirectory(dir.resolve("node_modules/ws"))) {
            return;
        }
        if (!Files.exists(dir.resolve("package.json"))) {
            Files.writeString(dir.resolve("package.json"), "{\"name\":\"tangle-bench-node-peer\",\"private\":true}\n");
        }
        System.out.println("  npm install ws (into " + dir + ")");
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "ws@8").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("npm-install.log").toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("npm install ws failed; see " + dir.resolve("npm-install.log"));
        }
    }

    @Override
    public URI uri(BenchClient c) {
        return URI.create("ws://127.0.0.1:" + port + "/?room=g" + c.group);
    }

    @Override
    public void opened(BenchClient c, Events events) {
        // the server speaks first (hello)
    }

    @Override
    public boolean send(BenchClient c, int msg, String payload) {
        return c.conn.sendText("{\"type\":\"send\",\"id\":" + msg + ",\"text\":\"" + payload + "\"}");
    }

    @Override
    public void frame(BenchClient c, byte[] d, int off, int len, boolean text, long recvNanos, Events events) {
        String type = Scan.stringField(d, off, len, TYPE);
        if ("message".equals(type)) {
            long[] p = new long[2];
            if (Payload.find(d, off, len, p)) {
                events.delivered(c, (int) p[0], p[1], recvNanos);
            }
        } else if ("ack".equals(type)) {
            events.acked(c, (int) Scan.longField(d, off, len, ID), recvNanos);
        } else if ("hello".equals(type)) {
            events.ready(c, recvNanos);
        }
    }

    @Override
    public Map<String, Long> serverPids() {
        return server == null ? Map.of() : Map.of("node-ws", server.pid());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
