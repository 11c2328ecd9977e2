package dev.tangle.socket.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.TestInfra;
import dev.tangle.socket.Main;
import dev.tangle.socket.SocketConfig;

/**
 * What socket-server tests run against: the shared real NATS, a token issuer with its JWKS, the chat stand-in,
 * and any number of socket-server instances, in this JVM or as separate processes (which can be killed hard).
 */
public final class SocketStack implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("socket-server listening on [^\\s:]+:(\\d+)");

    private final TestTokens tokens = new TestTokens();
    private final String natsUrl;
    private final ChatStandIn chat;
    private final List<RunningService> instances = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** On the NATS all socket-server tests share. */
    public SocketStack() {
        this(TestInfra.nats().url());
    }

    /** On a NATS of the test's own (one it stops and restarts). */
    public SocketStack(String natsUrl) {
        this.natsUrl = natsUrl;
        this.chat = new ChatStandIn(natsUrl);
    }

    public TestTokens tokens() {
        return tokens;
    }

    public ChatStandIn chat() {
        return chat;
    }

    /** Environment of an instance: shared NATS, test JWKS, fast heartbeat, plus overrides. */
    public Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("TANGLE_NATS_URL", natsUrl);
        env.put("TANGLE_PORT", "0");
        env.put("TANGLE_HTTP_HOST", "127.0.0.1");
        env.put("TANGLE_SHUTDOWN_TIMEOUT", "10s");
        env.put("TANGLE_JWT_JWKS_URL", tokens.jwksUrl());
        env.put("TANGLE_WS_HEARTBEAT", "1s");
        env.put("TANGLE_WS_RESUME_WINDOW", "300ms");
        env.putAll(overrides);
        return env;
    }

    /** An instance in this JVM. */
    public RunningService start(Map<String, String> overrides) {
        Map<String, String> env = env(overrides);
        env.putIfAbsent("TANGLE_INSTANCE_ID", "socket-test-" + (instances.size() + 1));
        RunningService service = Main.start(SocketConfig.from(TestInfra.settings(env)));
        instances.add(service);
        return service;
    }

    /**
     * An instance in its own JVM. It binds port 0 and its URL is taken from its own log line, so the URL is that
     * process and not whatever else may have taken a port picked in advance. Kill it with {@link ProcessInstance#kill()}.
     */
    public ProcessInstance startProcess(Map<String, String> overrides) {
        Map<String, String> env = env(overrides);
        env.put("TANGLE_PORT", "0");
        env.putIfAbsent("TANGLE_INSTANCE_ID", "socket-proc-" + (processes.size() + 1) + "-" + ProcessHandle.current().pid());
        try {
            Path log = Files.createTempFile("socket-server-", ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            processes.add(process);
            int[] port = new int[1];
            Await.until(Duration.ofSeconds(60), "socket-server process to be ready (log " + log + ")", () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("socket-server process exited; log " + log);
                }
                if (port[0] == 0) {
                    Matcher m = LISTENING.matcher(read(log));
                    port[0] = m.find() ? Integer.parseInt(m.group(1)) : 0;
                }
                return port[0] != 0 && new HttpTestClient("http://127.0.0.1:" + port[0]).get("/health/ready", null).status() == 200;
            });
            return new ProcessInstance(process, "http://127.0.0.1:" + port[0], log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A socket-server in its own JVM. */
    public record ProcessInstance(Process process, String baseUrl, Path log) {
        public void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor();
        }
        for (RunningService s : instances) {
            s.stop();
        }
        chat.close();
        tokens.close();
    }
}
