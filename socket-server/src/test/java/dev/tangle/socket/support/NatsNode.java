package dev.tangle.socket.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.tangle.common.test.FreePorts;
import dev.tangle.common.test.NatsServerProcess;

/**
 * A {@code nats-server -js} of one test, on a fixed loopback port, that can be stopped, killed and started
 * again on the same port — with its store kept (a restart) or wiped first (a replacement server that lost it).
 */
public final class NatsNode implements AutoCloseable {

    private final Path binary = NatsServerProcess.findBinary();
    private final int port = FreePorts.next();
    private final Path store;
    private Process process;

    public NatsNode() {
        try {
            store = Files.createTempDirectory("tangle-nats-node-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(store.resolve("js"));
            process = new ProcessBuilder(List.of(binary.toString(), "-js", "-a", "127.0.0.1", "-p", Integer.toString(port),
                    "-sd", store.resolve("js").toString(), "--server_name", "tangle-node-" + port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(store.resolve("nats.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nats-server exited; see " + store.resolve("nats.log"));
                }
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("nats-server did not listen on " + port);
    }

    /** Kills the server without a word (SIGKILL). */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Deletes the store (call while stopped): the next start is a server that lost everything. */
    public void wipe() {
        try (Stream<Path> files = Files.walk(store.resolve("js"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
