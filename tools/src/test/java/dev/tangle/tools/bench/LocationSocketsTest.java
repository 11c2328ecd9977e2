package dev.tangle.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The bench's direct instant reader gives what {@link Instant#parse} gives. */
class LocationSocketsTest {

    @Test
    void readsInstantsLikeInstantParse() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            long micros = 1_600_000_000_000_000L + (long) (random.nextDouble() * 400_000_000_000_000L);
            if (i % 7 == 0) {
                micros -= micros % 1_000_000;
            } else if (i % 5 == 0) {
                micros -= micros % 1_000;
            }
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
            assertThat(LocationSockets.epochMicros(at.toString())).as(at.toString()).isEqualTo(micros);
        }
        assertThat(LocationSockets.epochMicros("2026-12-01T22:00:00.123456789Z")).isEqualTo(
                Instant.parse("2026-12-01T22:00:00.123456Z").getEpochSecond() * 1_000_000 + 123_456);
        assertThat(LocationSockets.epochMicros("not a time")).isEqualTo(Long.MIN_VALUE);
    }
}
