package dev.tangle.tools.dev;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tangle.tools.cli.CliException;

/** {@code nats-server -js} on a remembered loopback port with its store in {@code .tangle/nats}. */
final class DevNats implements DevNatsHandle {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final ChildProcess process;
    private final int port;
    private final Path pidFile;

    private DevNats(ChildProcess process, int port, Path pidFile) {
        this.process = process;
        this.port = port;
        this.pidFile = pidFile;
    }

    static DevNats start(Workspace workspace) {
        Path binary = findBinary();
        PidFile.alive(workspace.natsPid()).ifPresent(leftover -> {
            throw new CliException("a nats-server from an earlier run (pid " + leftover.pid() + ") still uses "
                                   + workspace.natsStore() + ": stop it with 'kill " + leftover.pid() + "' and try again");
        });
        int port = Ports.remembered(workspace.rememberedPort("nats"));
        try {
            Files.createDirectories(workspace.natsStore());
        } catch (IOException e) {
            throw new CliException("cannot create " + workspace.natsStore() + ": " + e.getMessage(), e);
        }
        ChildProcess process = ChildProcess.start("nats-server", List.of(binary.toString(), "-js", "-a", "127.0.0.1",
                        "-p", Integer.toString(port), "-sd", workspace.natsStore().toString(), "--server_name", "tangle-dev"),
                Map.of(), workspace.home(), workspace.log("nats"), null, 0);
        PidFile.write(workspace.natsPid(), process.pid());
        DevNats nats = new DevNats(process, port, workspace.natsPid());
        try {
            nats.awaitListening();
        } catch (CliException e) {
            nats.close();
            throw e;
        }
        return nats;
    }

    /** {@code nats-server} on PATH, in /usr/sbin (where Debian puts it) or /usr/local/bin. */
    static Path findBinary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator
                      + "/usr/local/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "nats-server")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new CliException("nats-server was not found on PATH or in /usr/sbin. Install it with "
                        + "'sudo apt-get install nats-server' (Debian/Ubuntu) or from "
                        + "https://github.com/nats-io/nats-server/releases, or set TANGLE_NATS_URL to a NATS server "
                        + "with JetStream enabled."));
    }

    @Override
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new CliException("nats-server exited with code " + process.exitCode() + "; see " + process.log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new CliException("nats-server did not listen on port " + port + " within " + START_TIMEOUT.toSeconds()
                               + " s; see " + process.log());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while starting nats-server", 130);
        }
    }

    /** SIGTERM (nats-server flushes JetStream and exits), SIGKILL after 10 s. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
        PidFile.delete(pidFile);
    }
}
