package dev.tangle.common.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real {@code nats-server -js} process on a free loopback port with its own store directory. It can be stopped
 * and started again on the same port and store, to test what happens while NATS is away.
 */
public final class NatsServerProcess implements AutoCloseable {

    private final Path binary;
    private final Path storeDir;
    private final int port;
    private Process process;

    private NatsServerProcess(Path binary, Path storeDir, int port) {
        this.binary = binary;
        this.storeDir = storeDir;
        this.port = port;
    }

    /** Starts a new server with a fresh temporary store. */
    public static NatsServerProcess start() {
        try {
            NatsServerProcess server = new NatsServerProcess(findBinary(), Files.createTempDirectory("tangle-nats-"),
                    FreePorts.next());
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds {@code nats-server} on PATH or in /usr/sbin (where Debian installs it). */
    public static Path findBinary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/local/bin";
        Optional<Path> found = Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "nats-server"))
                .filter(Files::isExecutable)
                .findFirst();
        return found.orElseThrow(() -> new IllegalStateException(
                "nats-server was not found on PATH or in /usr/sbin. Integration tests start a real NATS server: "
                + "install it with 'sudo apt-get install nats-server' (Debian/Ubuntu) or put the nats-server "
                + "binary (https://github.com/nats-io/nats-server/releases) on PATH."));
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the process (again), on the same port and store, and waits until it accepts connections. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path log = storeDir.resolve("nats.log");
            process = new ProcessBuilder(List.of(binary.toString(), "-js", "-a", "127.0.0.1", "-p", Integer.toString(port),
                    "-sd", storeDir.toString(), "--server_name", "tangle-test-" + port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitPort(port, Duration.ofSeconds(15), process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL) and waits for it to exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(10), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the process without a word (SIGKILL), as a crash would. */
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

    @Override
    public void close() {
        stop();
    }

    static void awaitPort(int port, Duration timeout, Process process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + " before listening on " + port);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("nothing listened on port " + port + " within " + timeout);
    }
}
