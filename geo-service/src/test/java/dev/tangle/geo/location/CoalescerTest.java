package dev.tangle.geo.location;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.tangle.common.test.Await;
import dev.tangle.geo.support.LatLon;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescerTest {

    private static Fix fix(int i, Instant base) {
        return new Fix(new LatLon(1, 1), null, null, base.plusMillis(i));
    }

    @Test
    void aBurstBecomesTheFirstAndTheNewestOnlyWithOneSlotPerSharer() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<Fix> processed = new CopyOnWriteArrayList<>();
        Coalescer coalescer = new Coalescer(Duration.ofMillis(300), timer, (u, f) -> processed.add(f));
        UUID user = UUID.randomUUID();
        Instant base = Instant.now();
        assertThat(coalescer.offer(user, fix(0, base))).isFalse();
        for (int i = 1; i <= 1000; i++) {
            assertThat(coalescer.offer(user, fix(i, base))).isTrue();
        }
        assertThat(coalescer.offer(user, fix(-5, base))).as("older than the newest processed").isTrue();
        Await.until(Duration.ofSeconds(5), "the pending update", () -> processed.size() == 2);
        assertThat(processed.get(0).at()).isEqualTo(base);
        assertThat(processed.get(1).at()).isEqualTo(base.plusMillis(1000));
        assertThat(coalescer.slots()).isEqualTo(1);
        timer.shutdownNow();
    }

    @Test
    void zeroIntervalProcessesEverything() {
        List<Fix> processed = new CopyOnWriteArrayList<>();
        Coalescer coalescer = new Coalescer(Duration.ZERO, null, (u, f) -> processed.add(f));
        Instant base = Instant.now();
        for (int i = 0; i < 10; i++) {
            coalescer.offer(UUID.randomUUID(), fix(i, base));
        }
        assertThat(processed).hasSize(10);
    }
}
