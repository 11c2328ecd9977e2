package dev.tangle.tools.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./tangle bench media}: runs {@code dev.tangle.media.bench.MediaBench} from media-service's jar in a JVM
 * of its own — media-service builds with release 25 for its libvips binding, the tools stay on 21 and do not link
 * to it.
 */
public final class MediaBenchLauncher {

    private MediaBenchLauncher() {
    }

    public static void run(List<String> args) throws Exception {
        Path jar = Path.of("media-service", "target", "tangle-media-service.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("media-service is not built: " + jar + " is missing (./mvnw -DskipTests package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", // heap resident from the start: RSS growth is native memory
                "-cp", jar.toString(), "dev.tangle.media.bench.MediaBench"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // as media-service should run: glibc's per-thread malloc arenas otherwise keep freed decode buffers resident
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        int rc = builder.start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("the media bench exited with " + rc);
        }
    }
}
