package dev.tangle.tools.chaos;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.tangle.tools.bench.ChaosLoad;
import dev.tangle.tools.dev.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short fault suite (what {@code tangle chaos short} runs) on a real cluster-mode stack: under fan-out load, a
 * NATS leader, an api-server and a socket-server are killed with SIGKILL, PostgreSQL is stopped, a socket-server is
 * paused and two clients stop reading. Nothing acknowledged may be lost, no client may see a gap or a duplicate,
 * every client must be back, and no send may stay unanswered on a live connection.
 */
class ChaosIT {

    @Test
    void theShortFaultSuiteLosesNothing(@TempDir Path temp) throws Exception {
        Workspace workspace = new Workspace(Path.of("").toAbsolutePath().getParent(), temp.resolve("state"));
        int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
        List<ChaosLoad.Result> results = new ChaosSuite(workspace, Map.of())
                .run(Scenario.SHORT, ChaosOptions.ci().withPortBase(base));
        System.out.println();
        ChaosTable.print(System.out, results);

        assertThat(results).extracting(ChaosLoad.Result::scenario)
                .containsExactlyElementsOf(Scenario.SHORT.stream().map(Scenario::label).toList());
        for (ChaosLoad.Result r : results) {
            assertThat(r.note()).as(r.scenario() + ": the fault ran").isEmpty();
            assertThat(r.acked()).as(r.scenario() + ": most sends acknowledged").isGreaterThan(r.sent() / 3);
            assertThat(r.ackedDeliveriesMissing()).as(r.scenario() + ": acknowledged deliveries lost").isZero();
            assertThat(r.gaps()).as(r.scenario() + ": gaps by seq").isZero();
            assertThat(r.duplicates()).as(r.scenario() + ": duplicates").isZero();
            assertThat(r.clientsNotBack()).as(r.scenario() + ": clients not back").isZero();
            assertThat(r.hung()).as(r.scenario() + ": sends never answered on a live connection").isZero();
        }
        // the shortened outages still break what they are meant to break (ADR 0156)
        assertThat(result(results, Scenario.POSTGRES_STOP).refused()).as("postgres-stop: sends refused").isPositive();
        assertThat(result(results, Scenario.SOCKET_KILL).drops()).as("socket-kill: clients dropped").isPositive();
        assertThat(result(results, Scenario.SOCKET_PAUSE).drops()).as("socket-pause: silent clients dropped").isPositive();
    }

    private static ChaosLoad.Result result(List<ChaosLoad.Result> results, Scenario scenario) {
        return results.stream().filter(r -> r.scenario().equals(scenario.label())).findFirst().orElseThrow();
    }
}
