package dev.tangle.tools.dev;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tangle.tools.cli.Service;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code tangle dev} launcher end to end: it brings up PostgreSQL, nats-server and the four service jars,
 * reports them in {@code dev.env}, and stops every one of them on SIGTERM or when a service dies; the database
 * survives a restart.
 */
class DevStackIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration GONE = Duration.ofSeconds(30);

    @Test
    void runsTheStackAndLeavesNothingBehind(@TempDir Path temp) throws SQLException {
        Path home = temp.resolve("state");
        int portBase = freePortRange();
        DevEnv first;
        try (Launcher launcher = Launcher.start(home, portBase)) {
            first = launcher.awaitReady(READY);
            assertEveryServiceReady(first);
            assertThat(launcher.started()).as("4 services, nats-server and PostgreSQL").hasSizeGreaterThanOrEqualTo(6);
            execute(first, "CREATE TABLE dev_probe (note text); INSERT INTO dev_probe VALUES ('kept')");
            assertThat(query(first, "SELECT current_setting('fsync') || current_setting('synchronous_commit') "
                                    + "|| current_setting('full_page_writes')"))
                    .as("the dev PostgreSQL is durable").isEqualTo("ononon");
            assertThat(home.resolve("jwt-keys.json")).as("the signing keys where the README says").isRegularFile();
            assertThat(home.resolve(".tangle")).doesNotExist();
            assertBenchRunsOnAFreshStack(home, first);

            launcher.process().destroy();
            int exit = launcher.awaitAllGone(GONE);
            assertThat(exit).as(launcher.output()).isEqualTo(143);
            assertThat(home.resolve("dev.env")).doesNotExist();
            assertThat(home.resolve("dev.pid")).doesNotExist();
        }

        try (Launcher launcher = Launcher.start(home, portBase)) {
            DevEnv second = launcher.awaitReady(READY);
            assertThat(second.db().url()).as("PostgreSQL keeps its remembered port").isEqualTo(first.db().url());
            assertThat(query(second, "SELECT note FROM dev_probe")).isEqualTo("kept");

            ProcessHandle geo = launcher.process().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("tangle-geo-service.jar")).findFirst()
                    .orElseThrow();
            geo.destroyForcibly();
            int exit = launcher.awaitAllGone(GONE);
            assertThat(exit).as("a service that dies takes the stack down with an error").isEqualTo(1);
            assertThat(launcher.output()).contains("geo-service exited unexpectedly");
        }
    }

    /**
     * Issue 12, item 9: more registrations from 127.0.0.1 than the production limit (10 an hour) allows, then
     * {@code tangle bench fanout} as the docs show it, against the fresh stack.
     */
    private static void assertBenchRunsOnAFreshStack(Path home, DevEnv env) {
        HttpTestClient api = new HttpTestClient(env.urls().get(Service.API_SERVER));
        for (int i = 0; i < 12; i++) {
            var res = api.post("/v1/auth/register", java.util.Map.of("handle", "devuser_" + i, "password", "password-" + i), null);
            assertThat(res.status()).as("registration " + i + ": " + res).isEqualTo(201);
        }
        try {
            Path bench = home.resolveSibling("bench-run");
            java.nio.file.Files.createDirectories(bench);
            Process p = new ProcessBuilder(ServiceLauncher.javaBinary(), "-cp", System.getProperty("java.class.path"),
                    "dev.tangle.tools.bench.BenchCommand", "fanout", "--env", home.resolve("dev.env").toString(),
                    "--clients", "24", "--group-size", "4", "--rate", "10", "--duration", "2s", "--drain", "5s")
                    .directory(bench.toFile()).redirectErrorStream(true)
                    .redirectOutput(bench.resolve("bench.out").toFile()).start();
            assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("bench finished").isTrue();
            assertThat(p.exitValue()).as(java.nio.file.Files.readString(bench.resolve("bench.out"))).isZero();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertEveryServiceReady(DevEnv env) {
        for (Service service : Service.values()) {
            String url = env.urls().get(service).replaceFirst("^ws://", "http://").replaceFirst("/v1/ws$", "");
            assertThat(new HttpTestClient(url).get("/health/ready", null).status()).as(service + " at " + url).isEqualTo(200);
        }
    }

    private static void execute(DevEnv env, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(env.db().url(), env.db().user(), env.db().password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(DevEnv env, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(env.db().url(), env.db().user(), env.db().password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql + " returns a row").isTrue();
            return rs.getString(1);
        }
    }

    /** A base port with the three after it free too. */
    private static int freePortRange() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (Ports.isFree("127.0.0.1", base) && Ports.isFree("127.0.0.1", base + 1)
                && Ports.isFree("127.0.0.1", base + 2) && Ports.isFree("127.0.0.1", base + 3)) {
                return base;
            }
        }
        throw new IllegalStateException("no 4 free consecutive ports in 20000-30000");
    }
}
