package dev.tangle.geo.location;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixTest {

    @Test
    void theFastPathGivesWhatInstantParseGives() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(200_000_000), random.nextInt(1_000_000_000));
            for (String s : List.of(t.toString(), Instant.ofEpochSecond(t.getEpochSecond()).toString(),
                    Instant.ofEpochMilli(t.toEpochMilli()).toString())) {
                assertThat(Fix.parseInstant(s)).as(s).isEqualTo(Instant.parse(s));
            }
        }
    }

    @Test
    void edgeCasesAreAcceptedAndRefusedExactlyAsInstantParseDoes() {
        for (String s : List.of("2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z", "2026-12-31T23:59:59.5Z", "2026-12-01T10:00:00+01:00",
                "2026-13-01T10:00:00Z", "2026-02-30T10:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T10:60:00Z",
                "2026-12-01T23:59:60Z", "2026-12-01T10:00:00.Z", "2026-12-01T10:00:00.1234567890Z", "2026-12-01 10:00:00Z",
                "2026-12-01T10:00:0xZ", "+2026-12-01T10:00:00Z", "yesterday")) {
            Instant expected;
            try {
                expected = Instant.parse(s);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> Fix.parseInstant(s)).as(s).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(Fix.parseInstant(s)).as(s).isEqualTo(expected);
        }
    }
}
