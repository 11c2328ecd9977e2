package dev.tangle.media.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ffprobe} and {@code ffmpeg} from {@code PATH} (Debian {@code ffmpeg}) with a time limit: a process
 * over it is killed and the call fails with {@link Timeout}.
 */
public final class Ffmpeg {

    private final String ffmpeg;
    private final String ffprobe;

    private Ffmpeg(String ffmpeg, String ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** Finds both tools on PATH, or fails start-up saying what to install. */
    public static Ffmpeg find() {
        return new Ffmpeg(onPath("ffmpeg"), onPath("ffprobe"));
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not on PATH: media-service needs it for videos "
                                        + "(Debian/Ubuntu: apt-get install ffmpeg)");
    }

    /** {@code ffprobe -show_format -show_streams} as JSON text. */
    public String probe(Path file, Duration timeout) {
        return run(List.of(ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString()), timeout);
    }

    /** {@code ffmpeg -nostdin -y -hide_banner -loglevel error <args>}. */
    public void ffmpeg(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-y", "-hide_banner", "-loglevel", "error"));
        command.addAll(args);
        run(command, timeout);
    }

    private static String run(List<String> command, Duration timeout) {
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("tangle-ff", ".out");
            err = Files.createTempFile("tangle-ff", ".err");
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new Timeout(Path.of(command.getFirst()).getFileName() + " took longer than " + timeout);
            }
            if (process.exitValue() != 0) {
                String message = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new Failed(Path.of(command.getFirst()).getFileName() + " failed: "
                                 + message.substring(0, Math.min(message.length(), 300)));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Failed("cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Timeout("interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the OS cleans up
            }
        }
    }

    /** The tool exited with an error. */
    public static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    /** The tool ran over its time limit and was killed. */
    public static final class Timeout extends RuntimeException {
        Timeout(String message) {
            super(message);
        }
    }
}
