package dev.tangle.media.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tangle.common.error.Problems;

/**
 * Local temporary files for uploads in flight and processing ({@code <storage-dir>/tmp}): a body is streamed to
 * disk in 64 KiB steps, never held whole in memory, and cut off at its limit.
 */
public final class Staging {

    private final Path dir;

    public Staging(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path newFile(String suffix) {
        try {
            return Files.createTempFile(dir, "up-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory for one job's files. */
    public Path newDirectory() {
        try {
            return Files.createTempDirectory(dir, "job-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the stream to the file (appending when asked), stopping with 413 once more than {@code limit} bytes
     * came.
     *
     * @return bytes copied
     * @throws Interrupted when the stream failed part-way (the bytes copied so far are in the file)
     */
    public static long copy(InputStream in, Path file, long limit, boolean append) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = append
                ? Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE)
                : Files.newOutputStream(file)) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException | RuntimeException e) { // the client went away: Helidon reports it as either
                    out.flush();
                    throw new Interrupted(total, e);
                }
                if (n < 0) {
                    return total;
                }
                if (total + n > limit) {
                    throw Problems.payloadTooLarge(limit);
                }
                out.write(buffer, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            if (Files.isDirectory(file)) {
                try (var files = Files.list(file)) {
                    files.forEach(Staging::deleteQuietly);
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the sweeper removes stale temporary files
        }
    }

    /** The client's stream ended before its declared length: {@link #received()} bytes were written. */
    public static final class Interrupted extends RuntimeException {
        private final long received;

        Interrupted(long received, Throwable cause) {
            super("upload interrupted after " + received + " bytes", cause);
            this.received = received;
        }

        public long received() {
            return received;
        }
    }
}
