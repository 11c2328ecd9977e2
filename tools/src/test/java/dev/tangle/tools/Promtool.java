package dev.tangle.tools;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Checks Prometheus text with {@code promtool check metrics} (Debian package {@code prometheus}). promtool 2.42
 * exits 0 when the text is clean, 3 when it parses but has lint findings (naming advice, which is fine here) and
 * 1 when it does not parse; there is no option to turn the linter off in that version.
 */
final class Promtool {

    private static final int LINT_FINDINGS = 3;

    private Promtool() {
    }

    /** Fails the test unless {@code text} parses as Prometheus text exposition. */
    static void assertValidMetrics(String service, String text) {
        Path promtool = find();
        try {
            Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool check metrics did not finish within 30 s");
            }
            int exit = process.exitValue();
            if ((exit != 0 && exit != LINT_FINDINGS) || output.contains("error while linting")) {
                fail("/metrics of " + service + " is not valid Prometheus text: promtool exited " + exit + ":\n" + output);
            }
        } catch (IOException e) {
            fail("cannot run " + promtool + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Fails the test unless {@code promtool check <what> <files>} exits 0 (config or rules). */
    static void assertCheckPasses(String what, java.util.List<Path> files) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(find().toString(), "check", what));
        files.forEach(f -> command.add(f.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool check " + what + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                fail("promtool check " + what + " " + files + " exited " + process.exitValue() + ":\n" + output);
            }
        } catch (IOException e) {
            fail("cannot run promtool: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private static Path find() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst()
                .orElseGet(() -> fail("promtool was not found on PATH. This test checks /metrics with it: install it with "
                        + "'sudo apt-get install prometheus' (Debian/Ubuntu) or put promtool from "
                        + "https://github.com/prometheus/prometheus/releases on PATH."));
    }
}
