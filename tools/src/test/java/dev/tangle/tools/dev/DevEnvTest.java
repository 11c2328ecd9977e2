package dev.tangle.tools.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tangle.tools.cli.Service;

import static org.assertj.core.api.Assertions.assertThat;

class DevEnvTest {

    private static final DevEnv ENV = new DevEnv(Map.of(
            Service.API_SERVER, "http://127.0.0.1:8080",
            Service.SOCKET_SERVER, "ws://127.0.0.1:8081/v1/ws",
            Service.GEO_SERVICE, "http://127.0.0.1:8082",
            Service.MEDIA_SERVICE, "http://127.0.0.1:8083"),
            "nats://127.0.0.1:4222",
            new DbConnection("jdbc:postgresql://db:5432/tangle?sslmode=require", "tangle", "it's $ecret"));

    @Test
    void writesShellVariablesAndReadsThemBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dev.env");
        ENV.write(file);

        assertThat(Files.readAllLines(file)).contains(
                "TANGLE_API_URL=http://127.0.0.1:8080",
                "TANGLE_WS_URL=ws://127.0.0.1:8081/v1/ws",
                "TANGLE_NATS_URL=nats://127.0.0.1:4222",
                "TANGLE_DB_URL='jdbc:postgresql://db:5432/tangle?sslmode=require'",
                "TANGLE_DB_PASSWORD='it'\\''s $ecret'");
        assertThat(DevEnv.read(file)).isEqualTo(ENV);
    }

    @Test
    void theFileIsWhatAShellSees(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dev.env");
        ENV.write(file);
        Process shell = new ProcessBuilder("sh", "-c", ". \"$1\" && printf '%s|%s' \"$TANGLE_DB_PASSWORD\" \"$TANGLE_DB_URL\"",
                "sh", file.toString()).start();
        String seen = new String(shell.getInputStream().readAllBytes());
        assertThat(shell.waitFor()).isZero();
        assertThat(seen).isEqualTo("it's $ecret|jdbc:postgresql://db:5432/tangle?sslmode=require");
    }
}
