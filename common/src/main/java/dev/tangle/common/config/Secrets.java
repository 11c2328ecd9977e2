package dev.tangle.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads secrets kept in files (Docker/Kubernetes secrets style). */
public final class Secrets {

    private Secrets() {
    }

    public static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read secret file " + file, e);
        }
    }
}
