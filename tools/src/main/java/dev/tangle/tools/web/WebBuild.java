package dev.tangle.tools.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the web client ({@code web/}) when its sources are newer than the last build: {@code npm ci} when
 * {@code package-lock.json} is newer than {@code node_modules}, then {@code npm run build} into {@code web/dist}.
 * npm's output goes to the console prefixed {@code web |}.
 */
final class WebBuild {

    private static final List<String> INPUTS = List.of("src", "public", "index.html", "package.json",
            "package-lock.json", "vite.config.ts", "tsconfig.json", "tsconfig.app.json", "tsconfig.node.json");
    static final String STAMP = ".tangle-build-stamp";

    private final Path web;
    private final PrintStream console;
    private volatile Process running;
    private volatile boolean cancelled;

    WebBuild(Path web, PrintStream console) {
        this.web = web;
        this.console = console;
    }

    Path dist() {
        return web.resolve("dist");
    }

    /** Whether {@code dist} is missing or older than any input. */
    boolean stale() {
        Path stamp = dist().resolve(STAMP);
        if (!Files.isRegularFile(stamp) || !Files.isRegularFile(dist().resolve("index.html"))) {
            return true;
        }
        FileTime built = modified(stamp);
        for (String input : INPUTS) {
            Path path = web.resolve(input);
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(path)) {
                if (files.filter(Files::isRegularFile).anyMatch(f -> modified(f).compareTo(built) > 0)) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** Runs the build if stale; returns false (having said why) when it failed. */
    boolean runIfStale() {
        if (!stale()) {
            return true;
        }
        Path lock = web.resolve("package-lock.json");
        Path installed = web.resolve("node_modules").resolve(".package-lock.json");
        try {
            if (!Files.isRegularFile(installed) || modified(lock).compareTo(modified(installed)) > 0) {
                console.println("tangle: installing the web client's packages (npm ci)");
                if (!npm("ci", "--no-audit", "--no-fund")) {
                    return false;
                }
            }
            console.println("tangle: building the web client (npm run build)");
            if (!npm("run", "build")) {
                return false;
            }
            Files.writeString(dist().resolve(STAMP), "built by tangle dev\n", StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            console.println("tangle: !!! the web client build could not run: " + e.getMessage()
                            + " (is npm installed? Node 20+ is needed)");
            return false;
        }
    }

    void cancel() {
        cancelled = true;
        Process process = running;
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private boolean npm(String... args) throws IOException {
        if (cancelled) {
            return false;
        }
        List<String> command = Stream.concat(Stream.of("npm"), Stream.of(args)).toList();
        Process process = new ProcessBuilder(command).directory(web.toFile()).redirectErrorStream(true).start();
        running = process;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                console.println("web           | " + line);
            }
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                console.println("tangle: !!! " + String.join(" ", command) + " took over 10 minutes");
                return false;
            }
            if (process.exitValue() != 0) {
                if (!cancelled) {
                    console.println("tangle: !!! " + String.join(" ", command) + " failed with code " + process.exitValue());
                }
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return false;
        } finally {
            running = null;
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
