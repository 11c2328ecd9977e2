package dev.tangle.tools.dev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Copies a child's output, line by line, to its log file and (when given a console) to the console with the
 * child's name in front, the way {@code docker compose up} does.
 */
final class OutputPump {

    private final Thread thread;

    private OutputPump(Thread thread) {
        this.thread = thread;
    }

    /**
     * @param prefix  put in front of each console line, e.g. {@code "api-server    | "}
     * @param console where to echo lines, or null for the log file only
     */
    static OutputPump start(String name, InputStream output, Path log, String prefix, PrintStream console) {
        Thread thread = Thread.ofPlatform().daemon().name(name + "-output").start(() -> pump(output, log, prefix, console));
        return new OutputPump(thread);
    }

    /** Waits a little for the last lines after the process exited. */
    void drain(Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(InputStream output, Path log, String prefix, PrintStream console) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                file.write(line);
                file.write('\n');
                file.flush();
                if (console != null) {
                    console.println(prefix + line);
                }
            }
        } catch (IOException e) {
            if (console != null) {
                console.println(prefix + "(output lost: " + e.getMessage() + ")");
            }
        }
    }
}
