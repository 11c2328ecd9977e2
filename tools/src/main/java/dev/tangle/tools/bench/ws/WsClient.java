package dev.tangle.tools.bench.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lean WebSocket client for many thousands of connections: a few selector threads, one shared read buffer
 * per thread, and per connection only the bytes of an unfinished frame. See ADR 0051.
 */
public final class WsClient implements AutoCloseable {

    private final List<Loop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public WsClient(int threads) {
        for (int i = 0; i < threads; i++) {
            Loop loop = new Loop();
            loops.add(loop);
            Thread t = new Thread(loop, "bench-ws-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Opens a connection; {@code source} binds the local address (null: the kernel picks); {@code attachment}
     * is set before any callback can run.
     */
    public WsConnection connect(URI uri, InetAddress source, String extraHeaders, WsListener listener, Object attachment) {
        Loop loop = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) {
                ch.bind(new InetSocketAddress(source, 0));
            }
        } catch (IOException e) {
            closeQuietly(ch);
            // never the query: it carries the access token
            throw new UncheckedIOException("cannot open a socket to " + withoutQuery(uri) + ": " + e.getMessage(), e);
        }
        WsConnection conn = new WsConnection(ch, uri, extraHeaders == null ? "" : extraHeaders, listener, loop);
        conn.attach(attachment);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        loop.execute(() -> loop.start(conn, new InetSocketAddress(uri.getHost(), port)));
        return conn;
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was connected
            }
        }
    }

    /** scheme://host:port/path of a URI: what may be printed of it (its query may hold a token). */
    public static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
               + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** Open connections over all threads. */
    public int openConnections() {
        return loops.stream().mapToInt(l -> l.open.get()).sum();
    }

    @Override
    public void close() {
        loops.forEach(Loop::stop);
    }

    /** One selector thread. */
    static final class Loop implements Runnable {
        private final Selector selector;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final byte[] readArray = new byte[256 * 1024];
        private final ByteBuffer readBuf = ByteBuffer.wrap(readArray);
        private final AtomicInteger open = new AtomicInteger();
        private volatile boolean running = true;

        Loop() {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void execute(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        void wantWrite(WsConnection conn) {
            execute(() -> {
                SelectionKey key = conn.selectionKey;
                if (key != null && key.isValid()) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                }
            });
        }

        void connectionClosed() {
            open.decrementAndGet();
        }

        void start(WsConnection conn, InetSocketAddress address) {
            open.incrementAndGet();
            try {
                boolean connected = conn.channel.connect(address);
                conn.selectionKey = conn.channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, conn);
                if (connected) {
                    conn.sendHandshake();
                }
            } catch (IOException e) {
                conn.closed(-1, "connect failed: " + e.getMessage());
            }
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            while (running) {
                try {
                    selector.select(100);
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        handle(key);
                    }
                    selector.selectedKeys().clear();
                } catch (IOException | RuntimeException e) {
                    System.err.println("bench: selector loop error: " + e);
                }
            }
            for (SelectionKey key : selector.keys()) {
                ((WsConnection) key.attachment()).closed(1001, "client stopped");
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // exiting
            }
        }

        private void handle(SelectionKey key) {
            WsConnection conn = (WsConnection) key.attachment();
            try {
                if (!key.isValid()) {
                    return;
                }
                if (key.isConnectable()) {
                    conn.channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    conn.sendHandshake();
                }
                if (key.isValid() && key.isWritable() && conn.flush()) {
                    key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isReadable()) {
                    read(conn);
                }
            } catch (IOException | RuntimeException e) {
                conn.closed(conn.state == WsConnection.State.OPEN ? 1006 : -1, String.valueOf(e.getMessage()));
            }
        }

        private void read(WsConnection conn) throws IOException {
            for (int round = 0; round < 4; round++) {
                readBuf.clear();
                int n = conn.channel.read(readBuf);
                if (n < 0) {
                    conn.closed(conn.state == WsConnection.State.HANDSHAKE ? -1 : 1006, "end of stream");
                    return;
                }
                if (n == 0) {
                    return;
                }
                conn.received(readArray, 0, n, System.nanoTime());
                if (n < readArray.length || conn.state == WsConnection.State.CLOSED) {
                    return;
                }
            }
        }
    }
}
