package dev.tangle.tools.bench;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tangle.api.ApiConfig;
import dev.tangle.api.Main;
import dev.tangle.common.config.Settings;
import dev.tangle.common.test.FreePorts;
import dev.tangle.common.test.NatsServerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs {@link ChatWriteBench} against a throw-away stack in this JVM: a PostgreSQL with its default (durable)
 * settings, a nats-server and one api-server. Arguments are passed on to the bench, e.g. {@code --senders 64}.
 */
public final class ChatWriteBenchLauncher {

    private ChatWriteBenchLauncher() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(FreePorts.next())
                .setServerConfig("max_connections", "300").start();
             NatsServerProcess nats = NatsServerProcess.start()) {
            String dbUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            Map<String, String> env = new HashMap<>();
            env.put("TANGLE_DB_URL", dbUrl);
            env.put("TANGLE_DB_USER", "postgres");
            env.put("TANGLE_NATS_URL", nats.url());
            env.put("TANGLE_PORT", "0");
            env.put("TANGLE_HTTP_HOST", "127.0.0.1");
            env.put("TANGLE_JWT_KEYS_FILE", Files.createTempDirectory("bench-keys").resolve("k.json").toString());
            env.putAll(System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("TANGLE_BENCH_"))
                    .collect(java.util.stream.Collectors.toMap(e -> "TANGLE_" + e.getKey().substring(13), Map.Entry::getValue)));
            var api = Main.start(ApiConfig.from(Settings.of(env)));
            try {
                List<String> benchArgs = new java.util.ArrayList<>(List.of("--api", api.baseUrl(), "--db-url", dbUrl,
                        "--db-user", "postgres", "--db-password", ""));
                benchArgs.addAll(List.of(args));
                ChatWriteBench.run(benchArgs);
                api.infra().metrics().scrape().lines().filter(l -> l.startsWith("tangle_api_chat_send")
                        || l.startsWith("tangle_api_outbox") || l.startsWith("hikaricp_connections_pending"))
                        .forEach(System.out::println);
            } finally {
                api.stop();
            }
        }
    }
}
