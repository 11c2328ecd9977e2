package dev.tangle.common.time;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtcInstantsTest {

    private static final List<String> EDGES = List.of("2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z",
            "2026-12-31T23:59:59.5Z", "2026-12-01T10:00:00+01:00", "2026-13-01T10:00:00Z", "2026-02-30T10:00:00Z",
            "2026-12-01T24:00:00Z", "2026-12-01T10:60:00Z", "2026-12-01T23:59:60Z", "2026-12-01T10:00:00.Z",
            "2026-12-01T10:00:00.1234567890Z", "2026-12-01 10:00:00Z", "2026-12-01T10:00:0xZ",
            "+2026-12-01T10:00:00Z", "1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "yesterday", "");

    @Test
    void theFastPathGivesWhatInstantParseGives() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(200_000_000), random.nextInt(1_000_000_000));
            for (String s : List.of(t.toString(), Instant.ofEpochSecond(t.getEpochSecond()).toString(),
                    Instant.ofEpochMilli(t.toEpochMilli()).toString())) {
                assertThat(UtcInstants.parse(s)).as(s).isEqualTo(Instant.parse(s));
                assertThat(UtcInstants.epochMicros(s)).as(s)
                        .isEqualTo(Instant.parse(s).getEpochSecond() * 1_000_000L + Instant.parse(s).getNano() / 1_000);
            }
        }
    }

    @Test
    void edgeCasesAreAcceptedAndRefusedExactlyAsInstantParseDoes() {
        for (String s : EDGES) {
            Instant expected;
            try {
                expected = Instant.parse(s);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> UtcInstants.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
                assertThat(UtcInstants.epochMicros(s)).as(s).isEqualTo(Long.MIN_VALUE);
                continue;
            }
            assertThat(UtcInstants.parse(s)).as(s).isEqualTo(expected);
            assertThat(UtcInstants.epochMicros(s)).as(s)
                    .isEqualTo(expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1_000);
        }
    }

    @Test
    void epochMicrosTruncatesTheFractionAndRoundTrips() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            long micros = 1_600_000_000_000_000L + (long) (random.nextDouble() * 400_000_000_000_000L);
            if (i % 7 == 0) {
                micros -= micros % 1_000_000;
            } else if (i % 5 == 0) {
                micros -= micros % 1_000;
            }
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
            assertThat(UtcInstants.epochMicros(at.toString())).as(at.toString()).isEqualTo(micros);
        }
        assertThat(UtcInstants.epochMicros("2026-12-01T22:00:00.123456789Z")).isEqualTo(
                Instant.parse("2026-12-01T22:00:00.123456Z").getEpochSecond() * 1_000_000 + 123_456);
    }
}
