package dev.tangle.tools.chaos;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite's options: outages, and the load each scenario gets (ADR 0156). */
class ChaosOptionsTest {

    @Test
    void theCiOutagesStillOutlastWhatTheFaultsMustBreak() {
        ChaosOptions ci = ChaosOptions.ci();
        // the clients' 4 s silence watchdog must fire while the socket-server is paused
        assertThat(ci.outage(Scenario.SOCKET_PAUSE)).isGreaterThan(Duration.ofSeconds(4));
        // PostgreSQL down past the 1 s pool acquire timeout plus the 1.5 s request timeout
        assertThat(ci.outage(Scenario.POSTGRES_STOP)).isGreaterThan(Duration.ofMillis(2500));
        assertThat(ci.outage(Scenario.API_KILL)).isEqualTo(Scenario.restartDelay());
        assertThat(Scenario.SHORT).hasSize(6);
    }

    @Test
    void theScheduleIsFaultAtPlusOutagePlus12sAtMostAndTheLoadSkipsTheFullGcs() {
        List<String> args = ChaosOptions.ci().loadArguments(Scenario.NATS_KILL);
        assertThat(String.join(" ", args)).contains("--duration 18000ms").contains("--fault-at 2s")
                .contains("--idle-gc false");
        List<String> defaults = ChaosOptions.parse(List.of()).loadArguments(Scenario.NATS_KILL);
        assertThat(String.join(" ", defaults)).contains("--duration 26000ms");
        List<String> given = ChaosOptions.parse(List.of("--duration", "40s")).loadArguments(Scenario.NATS_KILL);
        assertThat(String.join(" ", given)).contains("--duration 40s");
    }
}
